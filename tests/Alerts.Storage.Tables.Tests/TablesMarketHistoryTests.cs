using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Tests.Azurite;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tables.Tests;

/// <summary>The price history on Azure Tables (Azurite), each test on tables of its own.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TablesMarketHistoryTests(AzuriteFixture azurite) : MarketHistoryConformance
{
    private readonly string _prefix = AzuriteFixture.NewTableName("m");

    protected override Task<IEntityStore> CreateEntityStoreAsync() =>
        Task.FromResult<IEntityStore>(new PrefixedTables(new TablesEntityStore(azurite.CreateClient()), _prefix));
}
