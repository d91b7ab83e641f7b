namespace Alerts.Delivery.Email.SendGrid;

/// <summary>
/// Email through SendGrid's v3 Mail Send. With no <see cref="ApiKey"/> email goes to the <c>.eml</c> outbox instead.
/// Unsubscribe links come from the host's <see cref="IUnsubscribeLinks"/> (the management API's endpoint).
/// </summary>
public sealed record SendGridOptions
{
    /// <summary>A key with Mail Send permission (a secret: Key Vault on Azure, an environment variable elsewhere).</summary>
    public string? ApiKey { get; init; }

    /// <summary>The API's base URL; tests point it at a loopback fake.</summary>
    public string Host { get; init; } = "https://api.sendgrid.com";

    /// <summary>SendGrid validates and answers 200 but sends nothing (mail_settings.sandbox_mode).</summary>
    public bool SandboxMode { get; init; }

    /// <summary>Added to every message (SendGrid allows 10, each up to 255 characters), for statistics.</summary>
    public IReadOnlyList<string> Categories { get; init; } = ["alerts"];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
