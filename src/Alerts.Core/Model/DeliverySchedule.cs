namespace Alerts.Core.Model;

/// <summary>
/// A daily window ("22:00" to "07:00", local to the subscription's time zone; it may cross midnight) in which alerts are held
/// and then sent, when it ends, as one summary per channel.
/// </summary>
public sealed record QuietHours(string From, string Until);

/// <summary>Alerts are collected and sent as one summary per channel at each of these local times of day ("08:00").</summary>
public sealed record DigestSchedule(IReadOnlyList<string> At);
