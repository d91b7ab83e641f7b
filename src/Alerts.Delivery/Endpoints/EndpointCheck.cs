namespace Alerts.Delivery.Endpoints;

/// <summary>The policy's answer for one target. <see cref="Reason"/> names the rule that refused it and never repeats the URL.</summary>
public sealed record EndpointCheck(bool IsAllowed, string? Reason)
{
    public static EndpointCheck Allowed { get; } = new(true, null);

    public static EndpointCheck Refused(string reason) => new(false, reason);
}
