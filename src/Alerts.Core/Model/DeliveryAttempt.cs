namespace Alerts.Core.Model;

public enum AttemptOutcome
{
    Delivered,
    Retryable,
    Permanent,
}

/// <summary>The visible log of delivery: every send is recorded, successful or not.</summary>
public sealed record DeliveryAttempt(
    string TenantId,
    string DeliveryId,
    int Number,
    DateTimeOffset At,
    AttemptOutcome Outcome,
    int? StatusCode,
    TimeSpan Latency,
    string? Error);
