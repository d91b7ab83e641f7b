namespace Alerts.Core.Model;

public enum ChannelKind
{
    Email,
    Webhook,
    Slack,
    Teams,
    Discord,
}

/// <summary>
/// Where alerts go. <see cref="Target"/> is an email address or a URL (a credential: never logged whole).
/// <see cref="Secret"/> is the <c>whsec_</c> signing secret of a generic webhook.
/// </summary>
public sealed record Channel(
    string TenantId,
    string Id,
    string Name,
    ChannelKind Kind,
    string Target,
    string? Secret = null,
    bool Enabled = true,
    string? DisabledReason = null);
