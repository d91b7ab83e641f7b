using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Tests.Azurite;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tables.Tests;

/// <summary>Source status on Azure Tables (Azurite), on tables of its own.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TablesSourceStatusTests(AzuriteFixture azurite) : SourceStatusConformance
{
    private readonly string _prefix = AzuriteFixture.NewTableName("s");

    protected override Task<IEntityStore> CreateEntityStoreAsync() =>
        Task.FromResult<IEntityStore>(new PrefixedTables(new TablesEntityStore(azurite.CreateClient()), _prefix));
}
