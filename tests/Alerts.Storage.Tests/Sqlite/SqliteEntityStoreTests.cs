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
    public async Task Committed_rows_reach_the_database_file_through_the_background_checkpoint_not_the_writers_commits()
    {
        var path = Path.Combine(_directory, "alerts.db");
        var options = new SqliteStoreOptions { CheckpointInterval = TimeSpan.FromMilliseconds(20), CheckpointPages = 1_000_000 };
        await using var store = await SqliteEntityStore.OpenAsync(path, options, CancellationToken.None);
        for (var i = 0; i < 200; i++)
        {
            await store.UpsertAsync("alerts", "default", $"al_{i}", "{}", CancellationToken.None);
        }

        // The database file alone (its WAL left behind) holds the rows once a checkpoint has run after the last commit.
        var copy = Path.Combine(_directory, "copy.db");
        await Writers.WaitUntilAsync(() =>
        {
            File.Copy(path, copy, overwrite: true);
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM entities WHERE tbl = 'alerts'";
            try
            {
                return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 200;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                return false; // not even the schema has been copied back yet
            }
        });
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
