namespace Alerts.Storage.Tables.Tests.Azurite;

/// <summary>Every test class that talks to Azurite joins this collection and so shares one emulator per run.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
