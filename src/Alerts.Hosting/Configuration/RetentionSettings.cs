namespace Alerts.Hosting.Configuration;

/// <summary>Section <c>Alerts:Retention</c>: how long history is kept (each at least a day) and when the purge runs.</summary>
public sealed class RetentionSettings
{
    public TimeSpan Events { get; set; } = TimeSpan.FromDays(180);

    /// <summary>Alerts with their deliveries; an alert with a pending delivery is kept until it is finished.</summary>
    public TimeSpan Alerts { get; set; } = TimeSpan.FromDays(400);

    public TimeSpan Attempts { get; set; } = TimeSpan.FromDays(180);

    /// <summary>6-field NCRONTAB schedule of the purge (daily at 03:30 UTC).</summary>
    public string Schedule { get; set; } = "0 30 3 * * *";
}
