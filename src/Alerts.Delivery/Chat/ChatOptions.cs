namespace Alerts.Delivery.Chat;

/// <summary>Settings shared by the chat channels (Slack, Teams, Discord).</summary>
public sealed record ChatOptions
{
    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest a send waits for its endpoint's next slot (pacing to the platform's rate). Beyond that the attempt is not
    /// made and comes back retryable with the wait as retry-after, so a busy endpoint does not hold a delivery worker.
    /// </summary>
    public TimeSpan MaxPacingWait { get; init; } = TimeSpan.FromSeconds(5);
}
