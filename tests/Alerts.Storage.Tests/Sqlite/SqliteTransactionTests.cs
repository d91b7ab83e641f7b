using Alerts.Storage.Primitive;
using Alerts.Storage.Sqlite;

namespace Alerts.Storage.Tests.Sqlite;

/// <summary>Work run inside the writer's transaction: it sees its own writes, and a failure undoes only its own.</summary>
public sealed class SqliteTransactionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-sqlite-tx-").FullName;

    private static CancellationToken None => CancellationToken.None;

    private string DatabasePath => Path.Combine(_directory, "alerts.db");

    [Fact]
    public async Task Reads_inside_the_transaction_see_its_own_writes_across_tables()
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);

        var seen = await store.TransactAsync(async view =>
        {
            await view.InsertIfAbsentAsync("alerts", "t", "a1", "{\"n\":1}", None);
            var etag = await view.UpsertAsync("deliveries", "t", "d1", "{\"n\":2}", None);
            var replaced = await view.ReplaceIfMatchAsync("deliveries", "t", "d1", "{\"n\":3}", etag, None);
            var rows = new List<string>();
            await foreach (var row in view.QueryAsync("deliveries", "t", null, null, None))
            {
                rows.Add(row.Data);
            }

            return ((await view.GetAsync("alerts", "t", "a1", None))?.Data, replaced is not null, rows.Single());
        }, None);

        Assert.Equal(("{\"n\":1}", true, "{\"n\":3}"), seen);
        Assert.Equal("{\"n\":3}", (await store.GetAsync("deliveries", "t", "d1", None))!.Data);
    }

    [Fact]
    public async Task Work_that_throws_undoes_its_writes_and_not_those_sharing_its_commit()
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);
        using var other = await WriteLockHolder.TakeAsync(DatabasePath);

        // Both wait behind another process's write lock, so they commit in one transaction once it is let go.
        var first = Task.Run(() => store.UpsertAsync("work", "p", "first", "{}", None));
        await Writers.WaitUntilAsync(() => store.Writer.Committing && store.Writer.QueuedWrites == 0);
        var failing = Task.Run(() => store.TransactAsync<int>(async view =>
        {
            await view.InsertIfAbsentAsync("alerts", "t", "lost", "{}", None);
            throw new InvalidDataException("bad row");
        }, None));
        var healthy = Task.Run(() => store.TransactAsync(async view => await view.InsertIfAbsentAsync("alerts", "t", "kept", "{}", None), None));
        await Writers.WaitUntilAsync(() => store.Writer.QueuedWrites == 2);
        other.Commit();
        await first;

        await Assert.ThrowsAsync<InvalidDataException>(() => failing);
        Assert.NotNull(await healthy);
        Assert.Null(await store.GetAsync("alerts", "t", "lost", None));
        Assert.NotNull(await store.GetAsync("alerts", "t", "kept", None));
        Assert.Equal(2, store.Commits);
    }

    [Fact]
    public async Task A_conflicting_batch_inside_the_transaction_is_refused_whole_and_the_work_may_go_on()
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);
        await store.UpsertAsync("work", "p", "taken", "{}", None);

        var outcome = await store.TransactAsync(async view =>
        {
            try
            {
                await view.ExecuteBatchAsync("work", [BatchOperation.Insert("p", "fresh", "{}"), BatchOperation.Insert("p", "taken", "{}")], None);
                return "applied";
            }
            catch (BatchConflictException conflict)
            {
                await view.InsertIfAbsentAsync("work", "p", "after", "{}", None);
                return "conflict at " + conflict.FailedIndex;
            }
        }, None);

        Assert.Equal("conflict at 1", outcome);
        Assert.Null(await store.GetAsync("work", "p", "fresh", None));
        Assert.NotNull(await store.GetAsync("work", "p", "after", None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
