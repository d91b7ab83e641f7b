using Alerts.Core.Ports;
using Alerts.Storage.Primitive;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tests.Sqlite;

public sealed class SqliteWorkRepositoryTests : WorkRepositoryConformance, IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private readonly TemporaryDatabase _database = new();

    protected override async Task<IEntityStore> CreateEntityStoreAsync() => await _database.OpenAsync();

    [Fact]
    public async Task Counts_are_taken_in_place_inside_and_outside_a_transaction_and_no_counter_rows_are_written()
    {
        await using var entities = await _database.OpenAsync();
        var store = await AlertStore.CreateAsync(entities, CancellationToken.None);

        var inside = await store.Transactions.RunAsync(async repositories =>
        {
            for (var i = 0; i < 40; i++)
            {
                await repositories.Work.TryAddAsync(new WorkItem(WorkStage.Deliver, $"t/d{i}", Now), CancellationToken.None);
            }

            await repositories.Work.RemoveAsync(WorkStage.Deliver, "t/d0", CancellationToken.None);
            await repositories.Work.PutAsync(new WorkItem(WorkStage.Deliver, "t/d1", Now.AddHours(1)), CancellationToken.None);
            return await repositories.Work.CountAsync(WorkStage.Deliver, CancellationToken.None);
        }, CancellationToken.None);
        await store.Work.RemoveAsync(WorkStage.Deliver, "t/d2", CancellationToken.None);

        var rows = new List<StoredEntity>();
        await foreach (var row in entities.QueryAsync("work", null, null, null, CancellationToken.None))
        {
            rows.Add(row);
        }

        Assert.Equal(39, inside);
        Assert.Equal(38, await store.Work.CountAsync(WorkStage.Deliver, CancellationToken.None));
        Assert.Equal(38 * 2, rows.Count); // a pointer and a due-time row per pending item, nothing else
        Assert.DoesNotContain(rows, row => row.RowKey.StartsWith("n|", StringComparison.Ordinal));
    }

    public void Dispose() => _database.Dispose();
}
