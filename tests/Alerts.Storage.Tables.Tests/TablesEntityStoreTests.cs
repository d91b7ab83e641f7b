using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Tests.Azurite;
using Alerts.Testing;
using Azure;

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
        var client = azurite.CreateClient();
        var store = new TablesEntityStore(client);
        await store.EnsureTableAsync(_table, None);

        var etag = await store.UpsertAsync(_table, "p", "r", "{\"v\":1}", None);

        var entity = await client.GetEntityAsync(_table, "p", "r", None);
        Assert.Equal("{\"v\":1}", entity!.GetString(TablesEntityStore.DataProperty));
        Assert.Equal(entity.ETag, etag);
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
    public async Task Data_up_to_the_string_property_limit_is_stored_and_longer_data_is_refused()
    {
        var store = new TablesEntityStore(azurite.CreateClient());
        // Varied CJK text: Azurite corrupts a UTF-8 character split between request-body chunks, so this guards the ASCII-only JSON.
        var largest = string.Concat(Enumerable.Range(0, TablesEntityStore.MaxDataLength).Select(i => (char)('一' + (i % 20000))));

        await store.UpsertAsync(_table, "p", "r", largest, None);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync(_table, "p", "r", largest + "x", None));

        Assert.Equal(largest, (await store.GetAsync(_table, "p", "r", None))!.Data);
        Assert.Contains("at most 32768", error.Message, StringComparison.Ordinal);
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
        await using var server = await LoopbackServer.StartAsync(500);
        var store = new TablesEntityStore(new TableStorageClient(
            new Uri(server.BaseAddress, "devstoreaccount1"),
            new AzureNamedKeyCredential("devstoreaccount1", TableStorageConnectionString.DevelopmentAccountKey)));
        var tooLong = new string('x', TablesEntityStore.MaxDataLength + 1);

        await Assert.ThrowsAsync<ArgumentException>(() => store.EnsureTableAsync("no-dashes", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("orders", "a/b", "r", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.InsertIfAbsentAsync("orders", "p", "a#b", "x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync("orders", "p\n", "r", "x", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReplaceIfMatchAsync("orders", "p", "a?b", "x", "W/\"1\"", None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("orders", "a\\b", "r", null, None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync("orders", "p", "r", tooLong, None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await ToListAsync(store.QueryAsync("1st", null, null, null, None)));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Ensuring_a_table_asks_the_service_once_per_store()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        var store = new TablesEntityStore(new TableStorageClient(
            new Uri(server.BaseAddress, "devstoreaccount1"),
            new AzureNamedKeyCredential("devstoreaccount1", TableStorageConnectionString.DevelopmentAccountKey)));

        await store.EnsureTableAsync("orders", None);
        await store.EnsureTableAsync("Orders", None);
        await store.EnsureTableAsync("orders", None);

        Assert.Single(server.Requests);
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
