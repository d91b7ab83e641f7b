using Alerts.Storage.Primitive;
using Alerts.Storage.Sqlite;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tests.Sqlite;

public sealed class SqliteRetentionTests : RetentionConformance, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-sqlite-").FullName;

    protected override async Task<IEntityStore> CreateEntityStoreAsync() =>
        await SqliteEntityStore.OpenAsync(Path.Combine(_directory, "alerts.db"), CancellationToken.None);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
