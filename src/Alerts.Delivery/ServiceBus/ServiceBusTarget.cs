using System.Diagnostics.CodeAnalysis;

namespace Alerts.Delivery.ServiceBus;

/// <summary>
/// A Service Bus channel's target, <c>sb://{namespace}.servicebus.windows.net/{queue or topic}</c>. With no secret the
/// namespace is reached with the app's managed identity (it needs the Azure Service Bus Data Sender role on the entity);
/// with a connection string as the secret, that string's credentials are used for the same entity.
/// </summary>
public sealed record ServiceBusTarget(string FullyQualifiedNamespace, string Entity)
{
    public const string FormatDescription = "must be sb://{namespace}.servicebus.windows.net/{queue or topic}";

    public static bool TryParse(string? target, [NotNullWhen(true)] out ServiceBusTarget? parsed)
    {
        parsed = null;
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme != "sb" || uri.Host.Length == 0
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var entity = uri.AbsolutePath.Trim('/');
        if (entity.Length is 0 or > 260 || entity.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        parsed = new ServiceBusTarget(uri.Host, Uri.UnescapeDataString(entity));
        return true;
    }

    /// <summary>True when <paramref name="secret"/> looks like a Service Bus connection string (Endpoint=sb://…;SharedAccessKey…).</summary>
    public static bool IsConnectionString(string? secret) =>
        secret is not null && secret.Contains("Endpoint=sb://", StringComparison.OrdinalIgnoreCase)
        && secret.Contains("SharedAccess", StringComparison.OrdinalIgnoreCase);
}
