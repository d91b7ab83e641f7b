namespace Alerts.Core.Model;

public enum AttemptOutcome
{
    Delivered,
    Retryable,
    Permanent,
}

/// <summary>
/// The visible log of delivery: every send is recorded, successful or not. <see cref="Error"/> says why a send failed;
/// <see cref="Response"/> is what the far end answered to a successful one (an excerpt, secrets removed).
/// </summary>
public sealed record DeliveryAttempt(
    string TenantId,
    string DeliveryId,
    int Number,
    DateTimeOffset At,
    AttemptOutcome Outcome,
    int? StatusCode,
    TimeSpan Latency,
    string? Error,
    string? Response = null);
