using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Tests.Azurite;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tables.Tests;

/// <summary>The work index on Azure Tables (Azurite), each test on tables of its own (the store's names behind a unique prefix).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TablesWorkRepositoryTests(AzuriteFixture azurite) : WorkRepositoryConformance
{
    private readonly string _prefix = AzuriteFixture.NewTableName("w");

    protected override Task<IEntityStore> CreateEntityStoreAsync() =>
        Task.FromResult<IEntityStore>(new PrefixedTables(new TablesEntityStore(azurite.CreateClient()), _prefix));
}
