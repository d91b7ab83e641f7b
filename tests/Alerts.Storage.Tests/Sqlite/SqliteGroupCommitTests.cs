using System.Globalization;
using Alerts.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Tests.Sqlite;

/// <summary>What group commit promises beyond the shared contract: fewer syncs, nothing lost on a crash, reads never blocked.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-sqlite-").FullName;

    private static CancellationToken None => CancellationToken.None;

    private string DatabasePath => Path.Combine(_directory, "alerts.db");

    [Fact]
    public async Task Writes_queued_behind_a_commit_share_the_next_transaction()
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);
        using var other = await WriteLockHolder.TakeAsync(DatabasePath);
        var first = Task.Run(() => store.UpsertAsync("work", "p", "first", "x", None));
        await Writers.WaitUntilAsync(() => store.Writer.Committing && store.Writer.QueuedWrites == 0);
        var queued = Enumerable.Range(0, 199)
            .Select(i => Task.Run(() => store.UpsertAsync("work", "p", "r" + i.ToString("D3", CultureInfo.InvariantCulture), "x", None)))
            .ToList();
        await Writers.WaitUntilAsync(() => store.Writer.QueuedWrites == 199);

        other.Commit();
        await Task.WhenAll(queued.Append(first));

        Assert.Equal(2, store.Commits);
        Assert.Equal(200, queued.Append(first).Select(w => w.Result).Distinct().Count());
    }

    [Fact]
    public async Task A_batch_size_of_one_commits_each_write_alone()
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, new SqliteStoreOptions { MaxBatchSize = 1 }, None);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.UpsertAsync("work", "p", "r" + i, "x", None))));

        Assert.Equal(20, store.Commits);
    }

    [Theory]
    [InlineData(StoreDurability.Normal)]
    [InlineData(StoreDurability.Full)]
    public async Task Acknowledged_writes_survive_a_process_crash(StoreDurability durability)
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, new SqliteStoreOptions { Durability = durability }, None);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => store.InsertIfAbsentAsync("alerts", "t", "al_" + i, "{}", None))));

        // A killed process leaves the files as they are: the database plus a WAL not yet checkpointed. Copy them with the store open.
        var crashed = Directory.CreateDirectory(Path.Combine(_directory, "crashed")).FullName;
        foreach (var file in Directory.GetFiles(_directory, "alerts.db*"))
        {
            File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
        }

        Assert.True(new FileInfo(Path.Combine(crashed, "alerts.db-wal")).Length > 0);
        await using var reopened = await SqliteEntityStore.OpenAsync(Path.Combine(crashed, "alerts.db"), None);
        var rows = 0;
        await foreach (var _ in reopened.QueryAsync("alerts", "t", null, null, None))
        {
            rows++;
        }

        Assert.Equal(50, rows);
    }

    [Fact]
    public async Task Reads_are_answered_while_a_write_waits_for_the_lock()
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);
        await store.UpsertAsync("rules", "t", "r1", "old", None);
        using var other = await WriteLockHolder.TakeAsync(DatabasePath);

        var pending = Task.Run(() => store.UpsertAsync("rules", "t", "r1", "new", None));
        await Writers.WaitUntilAsync(() => store.Writer.Committing);
        var read = await store.GetAsync("rules", "t", "r1", None);

        Assert.Equal("old", read!.Data);
        Assert.False(pending.IsCompleted);
        other.Commit();
        await pending;
        Assert.Equal("new", (await store.GetAsync("rules", "t", "r1", None))!.Data);
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_is_never_applied()
    {
        await using var store = await SqliteEntityStore.OpenAsync(DatabasePath, None);
        using var other = await WriteLockHolder.TakeAsync(DatabasePath);
        var first = Task.Run(() => store.UpsertAsync("rules", "t", "first", "x", None));
        await Writers.WaitUntilAsync(() => store.Writer.Committing && store.Writer.QueuedWrites == 0);
        using var cancel = new CancellationTokenSource();
        var queued = store.UpsertAsync("rules", "t", "cancelled", "x", cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        other.Commit();
        await first;
        await store.UpsertAsync("rules", "t", "after", "x", None);

        Assert.Null(await store.GetAsync("rules", "t", "cancelled", None));
        Assert.NotNull(await store.GetAsync("rules", "t", "after", None));
        Assert.Equal(2, store.Commits);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
