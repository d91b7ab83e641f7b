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
    string? DisabledReason = null)
{
    /// <summary>Targets and secrets are credentials: a logged or printed channel shows neither.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"TenantId = {TenantId}, Id = {Id}, Name = {Name}, Kind = {Kind}, Target = ***, Secret = {(Secret is null ? "null" : "***")}, Enabled = {Enabled}");
        return true;
    }
}
