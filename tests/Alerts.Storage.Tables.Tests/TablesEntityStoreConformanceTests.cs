using Alerts.Storage.Primitive;
using Alerts.Storage.Tables.Tests.Azurite;
using Alerts.Storage.Tests.Conformance;

namespace Alerts.Storage.Tables.Tests;

/// <summary>The shared <see cref="IEntityStore"/> contract, run against Azure Tables on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TablesEntityStoreConformanceTests(AzuriteFixture azurite) : EntityStoreConformance
{
    protected override Task<IEntityStore> CreateStoreAsync() => Task.FromResult<IEntityStore>(new TablesEntityStore(azurite.CreateClient()));
}
