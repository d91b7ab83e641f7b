using Alerts.Storage.Primitive;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tests.Sqlite;

public sealed class SqliteSourceStatusTests : SourceStatusConformance, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    protected override async Task<IEntityStore> CreateEntityStoreAsync() => await _database.OpenAsync();

    public void Dispose() => _database.Dispose();
}
