using Alerts.Storage.Sqlite;

namespace Alerts.Storage.Tests.Sqlite;

public sealed class SqliteEntityStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-sqlite-").FullName;

    [Fact]
    public async Task Rows_survive_reopening_the_database_file()
    {
        var path = Path.Combine(_directory, "nested", "alerts.db");
        var first = await SqliteEntityStore.OpenAsync(path, CancellationToken.None);
        await first.UpsertAsync("alerts", "default", "al_1", "{}", CancellationToken.None);

        var reopened = await SqliteEntityStore.OpenAsync(path, CancellationToken.None);

        Assert.Equal("{}", (await reopened.GetAsync("alerts", "default", "al_1", CancellationToken.None))!.Data);
    }

    [Fact]
    public async Task Invalid_table_names_are_refused()
    {
        var store = await SqliteEntityStore.OpenAsync(Path.Combine(_directory, "alerts.db"), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync("no-dashes", "p", "r", "x", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertAsync("1abc", "p", "r", "x", CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
