using System.Xml.Linq;
using Alerts.Storage;
using Alerts.Storage.Primitive;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Alerts.Hosting.Security;

/// <summary>
/// The Data Protection key ring kept in the store's own <see cref="AlertStore.KeyRingTable"/> table, so every instance of a
/// scaled-out app shares it. Data Protection reads the ring rarely (at start and about once a day) and only synchronously.
/// </summary>
internal sealed class StoreXmlRepository(IEntityStore store) : IXmlRepository
{
    private const string Partition = "dataprotection";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        ReadAllAsync().AsTask().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var rowKey = string.IsNullOrWhiteSpace(friendlyName) ? "key-" + Guid.NewGuid().ToString("N") : friendlyName;
        store.UpsertAsync(AlertStore.KeyRingTable, Partition, rowKey, element.ToString(SaveOptions.DisableFormatting), CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    private async ValueTask<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        var elements = new List<XElement>();
        await foreach (var row in store.QueryAsync(AlertStore.KeyRingTable, Partition, null, null, CancellationToken.None))
        {
            elements.Add(XElement.Parse(row.Data));
        }

        return elements;
    }
}
