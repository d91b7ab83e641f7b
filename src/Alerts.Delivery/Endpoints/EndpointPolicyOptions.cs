namespace Alerts.Delivery.Endpoints;

/// <summary>
/// Where outbound HTTP channels (webhooks today; Slack, Teams, Discord later) may connect.
/// <see cref="AllowList"/> is for local development only: each entry is a host name (<c>localhost</c>), an address
/// (<c>127.0.0.1</c>) or a CIDR (<c>10.1.0.0/16</c>) that may be reached although it is private, loopback or link-local,
/// and over plain http.
/// </summary>
public sealed record EndpointPolicyOptions
{
    /// <summary>Refuse plain http except to allow-listed hosts. On by default: webhook URLs and payloads are credentials.</summary>
    public bool RequireHttps { get; init; } = true;

    public IReadOnlyList<string> AllowList { get; init; } = [];
}
