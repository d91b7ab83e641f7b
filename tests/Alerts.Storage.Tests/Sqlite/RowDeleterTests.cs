using Alerts.Storage.Primitive;
using Alerts.Storage.Repositories;

namespace Alerts.Storage.Tests.Sqlite;

public sealed class RowDeleterTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Rows_go_in_partition_batches_and_a_row_changed_since_it_was_read_stays()
    {
        await using var store = await _database.OpenAsync();
        for (var i = 0; i < 150; i++)
        {
            await store.UpsertAsync("events", i < 120 ? "hkex" : "sse", "e" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "{}", None);
        }

        var rows = new List<StoredEntity>();
        await foreach (var row in store.QueryAsync("events", null, null, null, None))
        {
            rows.Add(row);
        }

        await store.UpsertAsync("events", "hkex", "e050", "changed", None);
        var deleter = new RowDeleter(store, "events");
        foreach (var row in rows)
        {
            await deleter.AddAsync(row, None);
        }

        await deleter.FlushAsync(None);

        Assert.Equal(149, deleter.Deleted);
        var left = Assert.Single(await ListAsync(store.QueryAsync("events", null, null, null, None)));
        Assert.Equal(("e050", "changed"), (left.RowKey, left.Data));
    }

    private static async Task<List<StoredEntity>> ListAsync(IAsyncEnumerable<StoredEntity> rows)
    {
        var list = new List<StoredEntity>();
        await foreach (var row in rows)
        {
            list.Add(row);
        }

        return list;
    }

    public void Dispose() => _database.Dispose();
}
