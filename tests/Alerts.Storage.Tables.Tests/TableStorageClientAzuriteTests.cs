using Alerts.Storage.Tables.Tests.Azurite;

namespace Alerts.Storage.Tables.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableStorageClientAzuriteTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly TableStorageClient _client = azurite.CreateClient();
    private readonly string _table = AzuriteFixture.NewTableName();

    [Fact]
    public async Task Ensuring_a_table_twice_creates_it_once()
    {
        Assert.True(await _client.CreateTableIfNotExistsAsync(_table, None));
        Assert.False(await _client.CreateTableIfNotExistsAsync(_table, None));
    }

    [Fact]
    public async Task A_second_insert_of_a_key_is_refused_with_entity_already_exists()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);
        var etag = await _client.InsertEntityAsync(_table, new TableEntity("p", "r") { ["V"] = 1 }, None);

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.InsertEntityAsync(_table, new TableEntity("p", "r") { ["V"] = 2 }, None));

        Assert.Equal((409, TableErrorCode.EntityAlreadyExists), (error.Status, error.ErrorCode));
        var stored = await _client.GetEntityAsync(_table, "p", "r", None);
        Assert.Equal((1, etag), (stored!.GetInt32("V"), stored.ETag));
    }

    [Fact]
    public async Task A_missing_entity_reads_as_null_but_a_missing_table_is_an_error()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);

        Assert.Null(await _client.GetEntityAsync(_table, "p", "nothing", None));
        var error = await Assert.ThrowsAsync<TableStorageException>(() => _client.GetEntityAsync(AzuriteFixture.NewTableName("missing"), "p", "r", None));
        Assert.Equal((404, TableErrorCode.TableNotFound), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task Upsert_replaces_the_whole_entity_and_merge_keeps_other_properties()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);
        await _client.UpsertEntityAsync(_table, new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, cancellationToken: None);

        await _client.UpsertEntityAsync(_table, new TableEntity("p", "r") { ["A"] = "a2" }, TableUpdateMode.Replace, None);
        var replaced = await _client.GetEntityAsync(_table, "p", "r", None);
        await _client.UpsertEntityAsync(_table, new TableEntity("p", "r") { ["C"] = "c" }, TableUpdateMode.Merge, None);
        var merged = await _client.GetEntityAsync(_table, "p", "r", None);

        Assert.Equal(["A"], replaced!.PropertyNames);
        Assert.Equal(("a2", "c"), (merged!.GetString("A"), merged.GetString("C")));
        Assert.Null(merged.GetString("B"));
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_fails_with_update_condition_not_satisfied()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);
        var first = await _client.UpsertEntityAsync(_table, new TableEntity("p", "r") { ["V"] = 1 }, cancellationToken: None);
        var second = await _client.UpdateEntityAsync(_table, new TableEntity("p", "r") { ["V"] = 2 }, first, cancellationToken: None);

        var stale = await Assert.ThrowsAsync<TableStorageException>(
            () => _client.UpdateEntityAsync(_table, new TableEntity("p", "r") { ["V"] = 3 }, first, cancellationToken: None));
        var missing = await Assert.ThrowsAsync<TableStorageException>(
            () => _client.UpdateEntityAsync(_table, new TableEntity("p", "gone") { ["V"] = 3 }, "*", TableUpdateMode.Merge, None));

        Assert.NotEqual(first, second);
        Assert.Equal((412, TableErrorCode.UpdateConditionNotSatisfied), (stale.Status, stale.ErrorCode));
        Assert.Equal(404, missing.Status);
        Assert.Equal(2, (await _client.GetEntityAsync(_table, "p", "r", None))!.GetInt32("V"));
    }

    [Fact]
    public async Task Delete_honours_the_etag()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);
        var old = await _client.UpsertEntityAsync(_table, new TableEntity("p", "r"), cancellationToken: None);
        var current = await _client.UpsertEntityAsync(_table, new TableEntity("p", "r") { ["V"] = 1 }, cancellationToken: None);

        var stale = await Assert.ThrowsAsync<TableStorageException>(() => _client.DeleteEntityAsync(_table, "p", "r", old, None));
        await _client.DeleteEntityAsync(_table, "p", "r", current, None);
        var gone = await Assert.ThrowsAsync<TableStorageException>(() => _client.DeleteEntityAsync(_table, "p", "r", "*", None));

        Assert.Equal(412, stale.Status);
        Assert.Equal(404, gone.Status);
    }

    [Fact]
    public async Task Typed_properties_round_trip()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);
        var dueAt = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        var customer = Guid.NewGuid();
        await _client.UpsertEntityAsync(
            _table,
            new TableEntity("p", "r")
            {
                ["Big"] = (1L << 53) + 1,
                ["Max"] = long.MaxValue,
                ["DueAt"] = dueAt,
                ["Customer"] = customer,
                ["Blob"] = new byte[] { 0, 1, 254, 255 },
                ["Paid"] = true,
                ["Ratio"] = 1.5,
                ["Whole"] = 2.0,
                ["Count"] = -7,
                ["Title"] = "北京智谱华章科技股份有限公司 — ＳＴＡＲ 😀 O'Brien \"quoted\"",
            },
            cancellationToken: None);

        var read = (await _client.GetEntityAsync(_table, "p", "r", None))!;

        Assert.Equal((1L << 53) + 1, read.GetInt64("Big"));
        Assert.Equal(long.MaxValue, read.GetInt64("Max"));
        Assert.Equal(dueAt, read.GetDateTimeOffset("DueAt"));
        Assert.Equal(customer, read.GetGuid("Customer"));
        Assert.Equal([0, 1, 254, 255], read.GetBinary("Blob"));
        Assert.True(read.GetBoolean("Paid"));
        Assert.Equal(1.5, read.GetDouble("Ratio"));
        Assert.Equal(2.0, read.GetDouble("Whole"));
        Assert.Equal(-7, read.GetInt32("Count"));
        Assert.Equal("北京智谱华章科技股份有限公司 — ＳＴＡＲ 😀 O'Brien \"quoted\"", read.GetString("Title"));
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task Keys_with_quotes_spaces_percent_signs_and_unicode_work_in_every_operation()
    {
        const string partition = "O'Brien's 智谱 ü";
        const string row = "it''s 100% 😀 'quoted'";
        await _client.CreateTableIfNotExistsAsync(_table, None);

        var etag = await _client.InsertEntityAsync(_table, new TableEntity(partition, row) { ["V"] = 1 }, None);
        var updated = await _client.UpdateEntityAsync(_table, new TableEntity(partition, row) { ["V"] = 2 }, etag, cancellationToken: None);
        var read = await _client.GetEntityAsync(_table, partition, row, None);
        var queried = await ToListAsync(_client.QueryAsync(_table, TableFilter.Create($"PartitionKey eq {partition} and RowKey eq {row}"), cancellationToken: None));
        await _client.DeleteEntityAsync(_table, partition, row, updated, None);

        Assert.Equal((partition, row, 2), (read!.PartitionKey, read.RowKey, read.GetInt32("V")));
        Assert.Equal(row, Assert.Single(queried).RowKey);
        Assert.Null(await _client.GetEntityAsync(_table, partition, row, None));
    }

    [Fact]
    public async Task A_query_pages_through_continuations_until_every_match_is_returned()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);
        for (var i = 0; i < 23; i++)
        {
            await _client.UpsertEntityAsync(_table, new TableEntity("p", $"r{i:D2}") { ["N"] = i, ["Extra"] = "x" }, cancellationToken: None);
        }

        await _client.UpsertEntityAsync(_table, new TableEntity("other", "r00") { ["N"] = 99 }, cancellationToken: None);

        var pages = new List<IReadOnlyList<TableEntity>>();
        await foreach (var page in _client.QueryAsync(_table, TableFilter.Create($"PartitionKey eq {"p"}"), ["N"], maxPerPage: 5, None).AsPages())
        {
            pages.Add(page.Values);
        }

        var rows = pages.SelectMany(page => page).ToList();
        Assert.True(pages.Count >= 5, $"expected at least 5 pages of at most 5, got {pages.Count}");
        Assert.All(pages, page => Assert.True(page.Count <= 5));
        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"r{i:D2}"), rows.Select(e => e.RowKey));
        Assert.Equal(Enumerable.Range(0, 23), rows.Select(e => e.GetInt32("N")!.Value));
        Assert.All(rows, e => Assert.Equal(["N"], e.PropertyNames));
    }

    [Fact]
    public async Task Write_read_and_query_report_the_same_etag()
    {
        await _client.CreateTableIfNotExistsAsync(_table, None);
        var written = await _client.UpsertEntityAsync(_table, new TableEntity("p", "r"), cancellationToken: None);

        var read = await _client.GetEntityAsync(_table, "p", "r", None);
        var queried = Assert.Single(await ToListAsync(_client.QueryAsync(_table, cancellationToken: None)));

        Assert.Equal(written, read!.ETag);
        Assert.Equal(written, queried.ETag);
    }

    private static async Task<List<TableEntity>> ToListAsync(IAsyncEnumerable<TableEntity> entities)
    {
        var list = new List<TableEntity>();
        await foreach (var entity in entities)
        {
            list.Add(entity);
        }

        return list;
    }
}
