using Azure.Identity;
using Azure.Storage.Queues;

namespace Alerts.Functions.Extensions;

/// <summary>
/// How the app reaches its storage account's queues: the same identity-based connection the queue triggers use
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__queueServiceUri</c>, <c>__credential=managedidentity</c>, <c>__clientId</c>).
/// A connection string is accepted only when it points at a local emulator (Azurite), never on Azure.
/// </summary>
public sealed record StorageConnection(Uri? QueueServiceUri, string? ClientId, string? EmulatorConnectionString)
{
    /// <summary>Queue messages are base64, as the queue trigger expects (host.json <c>messageEncoding</c>).</summary>
    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null)
    {
        options ??= new QueueClientOptions();
        options.MessageEncoding = QueueMessageEncoding.Base64;
        if (EmulatorConnectionString is { } connectionString)
        {
            return new QueueServiceClient(connectionString, options);
        }

        var credential = ClientId is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        return new QueueServiceClient(QueueServiceUri, credential, options);
    }

    /// <summary>True for <c>UseDevelopmentStorage=true</c> and for a connection string whose every endpoint is a loopback host.</summary>
    public static bool IsEmulator(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development))
        {
            return string.Equals(development, "true", StringComparison.OrdinalIgnoreCase);
        }

        var endpoints = parts.Where(p => p.Key.EndsWith("Endpoint", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value).ToList();
        return endpoints.Count > 0 && endpoints.All(e => Uri.TryCreate(e, UriKind.Absolute, out var uri) && uri.IsLoopback);
    }
}
