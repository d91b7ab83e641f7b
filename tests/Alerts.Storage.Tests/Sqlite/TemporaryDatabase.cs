using Alerts.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Alerts.Storage.Tests.Sqlite;

/// <summary>A directory of its own for one test's SQLite files, removed (with the pooled connections to them) on dispose.</summary>
public sealed class TemporaryDatabase : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("alerts-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(Directory, "alerts.db");

    public async Task<SqliteEntityStore> OpenAsync(SqliteStoreOptions? options = null) =>
        await SqliteEntityStore.OpenAsync(Path, options ?? new SqliteStoreOptions(), CancellationToken.None);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
