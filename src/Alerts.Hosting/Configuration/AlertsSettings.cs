using Alerts.Storage.Sqlite;

namespace Alerts.Hosting.Configuration;

/// <summary>
/// Everything the host reads from configuration (section "Alerts"; environment variables like <c>Alerts__DataDirectory</c>,
/// which is also how Azure app settings arrive). Durations are TimeSpans ("00:00:30").
/// </summary>
public sealed class AlertsSettings
{
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite file; defaults to <c>{DataDirectory}/alerts.db</c>.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Where .eml files go when no SendGrid key is set; defaults to <c>{DataDirectory}/outbox</c>.</summary>
    public string? OutboxDirectory { get; set; }

    /// <summary>Loopback port of <c>alerts run</c>'s HTTP endpoint (health, event push).</summary>
    public int HttpPort { get; set; } = 7780;

    /// <summary>False pauses delivery (pending deliveries wait in the store) while polling and evaluation go on.</summary>
    public bool DeliveryEnabled { get; set; } = true;

    /// <summary>Sends in flight at once in the standalone driver (spread over up to four batch pumps).</summary>
    public int DeliveryWorkers { get; set; } = 256;

    /// <summary>Evaluation lanes of the standalone driver: one subject's events stay in order within its lane.</summary>
    public int EvaluationWorkers { get; set; } = 4;

    /// <summary>Most queued messages (or pushed events) one stage run takes at once; their writes share one transaction.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Capacity of each in-process queue; a full queue makes its producer wait (nothing is dropped).</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>On shutdown, how long in-flight sends may finish before they are cancelled and their deliveries released.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>6-field NCRONTAB schedule of the retry-due sweep.</summary>
    public string SweepSchedule { get; set; } = "*/10 * * * * *";

    public TimeSpan CatalogMaxAge { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RedeliveryGrace { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(1);

    public int MaxDeliveryAttempts { get; set; } = 8;

    /// <summary>First retry delay; each next one is four times longer, capped at 10 hours.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive 5xx, timeout or connection failures to one endpoint that open its circuit breaker.</summary>
    public int BreakerFailureThreshold { get; set; } = 5;

    /// <summary>How long an opened breaker holds that endpoint's deliveries (without using attempts) before one probe goes out.</summary>
    public TimeSpan BreakerCoolDown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each failed probe doubles the cool-down up to this.</summary>
    public TimeSpan BreakerMaxCoolDown { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Hosts or CIDRs webhooks may target even though they are private or loopback (local development only).</summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];

    /// <summary>False runs without polling any feed (events then come only from pushes, replays and the demo).</summary>
    public bool PollSources { get; set; } = true;

    public string EmailFrom { get; set; } = "Alerts <alerts@example.com>";

    /// <summary>When set, email goes through SendGrid instead of the outbox (a secret: environment or Key Vault, never alerts.json in source control).</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>SendGrid's API base URL (tests and proxies point it elsewhere).</summary>
    public string SendGridHost { get; set; } = "https://api.sendgrid.com";

    /// <summary>SendGrid validates every message and answers 200 but sends nothing.</summary>
    public bool SendGridSandboxMode { get; set; }

    /// <summary>
    /// Client id of the user-assigned managed identity Service Bus channels without a connection string authenticate with
    /// (empty: the default Azure credential chain, e.g. a system-assigned identity or a developer's login).
    /// </summary>
    public string? ServiceBusChannelClientId { get; set; }

    /// <summary>Per-attempt timeout of the Slack, Teams and Discord channels.</summary>
    public TimeSpan ChatTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// SQLite commits: <see cref="StoreDurability.Normal"/> (WAL, synchronous=NORMAL) survives a process crash but may lose the
    /// last commits on power loss; <see cref="StoreDurability.Full"/> syncs every commit. Table Storage is always durable.
    /// </summary>
    public StoreDurability Durability { get; set; } = StoreDurability.Normal;

    public RetentionSettings Retention { get; set; } = new();

    public string ResolvedDatabasePath => DatabasePath ?? Path.Combine(DataDirectory, "alerts.db");

    public string ResolvedOutboxDirectory => OutboxDirectory ?? Path.Combine(DataDirectory, "outbox");
}
