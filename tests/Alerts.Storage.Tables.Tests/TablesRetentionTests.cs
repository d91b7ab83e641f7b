using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Tests.Azurite;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tables.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TablesRetentionTests(AzuriteFixture azurite) : RetentionConformance
{
    private readonly string _prefix = AzuriteFixture.NewTableName("r");

    protected override Task<IEntityStore> CreateEntityStoreAsync() =>
        Task.FromResult<IEntityStore>(new PrefixedTables(new TablesEntityStore(azurite.CreateClient()), _prefix));
}
