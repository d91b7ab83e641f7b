namespace Alerts.Core.Model;

public enum ChannelKind
{
    Email,
    Webhook,
    Slack,
    Teams,
    Discord,
    ServiceBus,
}

/// <summary>
/// Where alerts go. <see cref="Target"/> is an email address, a URL (a credential: never logged whole) or, for Service Bus,
/// <c>sb://{namespace}/{queue or topic}</c>. <see cref="Secret"/> is the <c>whsec_</c> signing secret of a generic webhook
/// (two, space-separated, during a rotation) or a Service Bus connection string. <see cref="Headers"/> are extra HTTP
/// headers a generic webhook sends with every request.
/// </summary>
public sealed record Channel(
    string TenantId,
    string Id,
    string Name,
    ChannelKind Kind,
    string Target,
    string? Secret = null,
    bool Enabled = true,
    string? DisabledReason = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Targets, secrets and header values are credentials: a logged or printed channel shows none of them.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"TenantId = {TenantId}, Id = {Id}, Name = {Name}, Kind = {Kind}, Target = ***, Secret = {(Secret is null ? "null" : "***")}, Enabled = {Enabled}");
        if (Headers is { Count: > 0 })
        {
            builder.Append($", Headers = [{string.Join(", ", Headers.Keys)}]");
        }

        return true;
    }
}
