namespace Alerts.Delivery.Email;

/// <summary>Email settings shared by the outbox writer and (later) SendGrid.</summary>
public sealed record EmailOptions
{
    /// <summary>Where <c>OutboxEmailNotifier</c> drops <c>{delivery id}.eml</c> files.</summary>
    public string OutboxDirectory { get; init; } = Path.Combine(".", "data", "outbox");

    /// <summary>The sender address (bare, ASCII); its domain also names the Message-ID.</summary>
    public string From { get; init; } = "alerts@example.com";

    public string? FromName { get; init; } = "Alerts";
}
