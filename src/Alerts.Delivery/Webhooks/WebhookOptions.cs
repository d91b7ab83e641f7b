namespace Alerts.Delivery.Webhooks;

/// <summary>Generic (Standard Webhooks) channel settings. Where a webhook may point is <c>EndpointPolicyOptions</c>' concern.</summary>
public sealed record WebhookOptions
{
    /// <summary>How long one attempt may take, connect to last response header (Standard Webhooks recommends 15 to 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);
}
