using Alerts.Storage.Primitive;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tests.Sqlite;

public sealed class SqliteEntityStoreConformanceTests : EntityStoreConformance, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override async Task<IEntityStore> CreateStoreAsync() => await _database.OpenAsync();

    public void Dispose() => _database.Dispose();
}
