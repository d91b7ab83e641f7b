using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Tests.Azurite;
using Azure.Data.Tables;

namespace Alerts.Storage.Tables.Tests;

/// <summary>What the Tables backend adds to the shared contract (run by <see cref="TablesEntityStoreConformanceTests"/>).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TablesEntityStoreTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _table = AzuriteFixture.NewTableName();

    [Fact]
    public async Task The_payload_is_the_data_property_and_the_etag_is_the_services()
    {
        var service = azurite.CreateClient();
        var store = new TablesEntityStore(service);
        await store.EnsureTableAsync(_table, None);

        var etag = await store.UpsertAsync(_table, "p", "r", "{\"v\":1}", None);

        var entity = (await service.GetTableClient(_table).GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal("{\"v\":1}", entity.GetString("Data"));
        Assert.Equal(entity.ETag.ToString(), etag);
    }

    [Fact]
    public async Task A_table_nobody_ensured_reads_as_empty_and_is_created_by_the_first_write()
    {
        var store = new TablesEntityStore(azurite.CreateClient());

        Assert.Null(await store.GetAsync(_table, "p", "r", None));
        Assert.Empty(await ToListAsync(store.QueryAsync(_table, "p", null, null, None)));
        Assert.NotNull(await store.InsertIfAbsentAsync(_table, "p", "r", "x", None));
        Assert.Equal("x", (await store.GetAsync(_table, "p", "r", None))!.Data);
    }

    [Fact]
    public async Task Data_up_to_the_row_limit_is_stored_across_properties_and_longer_data_is_refused()
    {
        var store = new TablesEntityStore(azurite.CreateClient());
        var largest = string.Concat(Enumerable.Range(0, TablesEntityStore.MaxDataLength).Select(i => (char)('一' + (i % 20000))));

        await store.UpsertAsync(_table, "p", "r", largest, None);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(_table, "p", "r", largest + "x", None));

        Assert.Equal(largest, (await store.GetAsync(_table, "p", "r", None))!.Data);
        Assert.Contains($"at most {TablesEntityStore.MaxDataLength}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shorter_replacement_leaves_no_stale_tail_of_a_longer_payload()
    {
        var store = new TablesEntityStore(azurite.CreateClient());
        var etag = await store.UpsertAsync(_table, "p", "r", new string('长', 100_000), None);

        await store.ReplaceIfMatchAsync(_table, "p", "r", "short", etag, None);

        Assert.Equal("short", (await store.GetAsync(_table, "p", "r", None))!.Data);
    }

    [Fact]
    public async Task Range_bounds_with_quotes_are_literals_not_filter_text()
    {
        var store = new TablesEntityStore(azurite.CreateClient());
        foreach (var key in new[] { "a", "b'", "c" })
        {
            await store.UpsertAsync(_table, "p", key, key, None);
        }

        var rows = await ToListAsync(store.QueryAsync(_table, "p", "b'", "c' or RowKey ge '", None));

        Assert.Equal(["b'", "c"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task Invalid_tables_keys_and_oversized_data_are_refused_before_any_request()
    {
        // Nothing listens on this account: any request would fail with a connection error, not an ArgumentException.
        var store = new TablesEntityStore(new TableServiceClient(
            new Uri("http://127.0.0.1:9/devstoreaccount1"),
            new TableSharedKeyCredential(AzuriteFixture.DevelopmentAccountName, AzuriteFixture.DevelopmentAccountKey),
            new TableClientOptions { Retry = { MaxRetries = 0 } }));
        var tooLong = new string('x', TablesEntityStore.MaxDataLength + 1);

        await Assert.ThrowsAsync<ArgumentException>(() => store.EnsureTableAsync("no-dashes", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("orders", "a/b", "r", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.InsertIfAbsentAsync("orders", "p", "a#b", "x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync("orders", "p\n", "r", "x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReplaceIfMatchAsync("orders", "p", "a?b", "x", "W/\"1\"", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("orders", "a\\b", "r", null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync("orders", "p", "r", tooLong, None));
        await Assert.ThrowsAsync<ArgumentException>(
            () => store.ExecuteBatchAsync("orders", [BatchOperation.Upsert("p", "r", "x"), BatchOperation.Upsert("q", "r", "x")], None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await ToListAsync(store.QueryAsync("1st", null, null, null, None)));
    }

    private static async Task<List<StoredEntity>> ToListAsync(IAsyncEnumerable<StoredEntity> rows)
    {
        var list = new List<StoredEntity>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }
}
