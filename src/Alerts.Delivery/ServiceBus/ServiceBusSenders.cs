using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace Alerts.Delivery.ServiceBus;

/// <summary>Hands out the sender for a channel's entity; the seam tests replace (no broker can run here).</summary>
public interface IServiceBusSenders
{
    ServiceBusSender Get(ServiceBusTarget target, string? connectionString);
}

/// <summary>
/// One <see cref="ServiceBusClient"/> per namespace and credential, one sender per entity, kept for the process (clients
/// own AMQP connections and are meant to be long-lived). The client's own retries are off: the deliver stage retries.
/// </summary>
public sealed class ServiceBusSenders(TokenCredential? credential = null) : IServiceBusSenders, IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);
    private readonly TokenCredential _credential = credential ?? new DefaultAzureCredential();

    private static readonly ServiceBusClientOptions Options = new()
    {
        RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(15) },
    };

    public ServiceBusSender Get(ServiceBusTarget target, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(target);
        var clientKey = connectionString is null ? "mi:" + target.FullyQualifiedNamespace : "cs:" + Hash(connectionString);
        var client = _clients.GetOrAdd(clientKey, _ => connectionString is null
            ? new ServiceBusClient(target.FullyQualifiedNamespace, _credential, Options)
            : new ServiceBusClient(connectionString, Options));
        return _senders.GetOrAdd(clientKey + "|" + target.Entity, _ => client.CreateSender(target.Entity));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
