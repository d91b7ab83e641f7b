using System.Globalization;
using Alerts.Core.Model;

namespace Alerts.Core.Holding;

/// <summary>When a subscription's delivery waits: until its next digest time, or until its quiet hours end.</summary>
public sealed record Hold(DateTimeOffset ReleaseAt, HoldReason Reason, string Window);

/// <summary>
/// Decides, from a subscription's quiet hours or digest and its time zone, whether an alert made now waits and until when.
/// Local times that do not exist (a daylight-saving gap) move an hour later; ambiguous ones take the standard-time reading.
/// </summary>
public static class HoldPolicy
{
    private const string TimeFormat = "HH:mm";
    private const int MaxDigestTimes = 24;

    public static Hold? HoldFor(Subscription subscription, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.QuietHours is null && subscription.Digest is null)
        {
            return null;
        }

        var zoneId = subscription.TimeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return null; // validated when saved; a zone the machine no longer knows sends at once rather than holding forever
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (subscription.Digest is { } digest)
        {
            var times = digest.At.Select(ParseTime).OfType<TimeOnly>().ToList();
            if (times.Count == 0)
            {
                return null;
            }

            var next = Enumerable.Range(0, 2)
                .SelectMany(day => times.Select(t => ToUtc(DateOnly.FromDateTime(local.DateTime).AddDays(day), t, zone)))
                .Where(at => at > now)
                .Min();
            return new Hold(next, HoldReason.Digest, $"daily at {string.Join(", ", times.Select(t => t.ToString(TimeFormat, CultureInfo.InvariantCulture)))} {zoneId}");
        }

        if (ParseTime(subscription.QuietHours!.From) is not { } from || ParseTime(subscription.QuietHours.Until) is not { } until || from == until)
        {
            return null;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        var today = DateOnly.FromDateTime(local.DateTime);
        var wraps = from > until;
        var inside = wraps ? time >= from || time < until : time >= from && time < until;
        if (!inside)
        {
            return null;
        }

        var endDay = wraps && time >= from ? today.AddDays(1) : today;
        return new Hold(ToUtc(endDay, until, zone), HoldReason.QuietHours, $"{Format(from)}–{Format(until)} {zoneId}");
    }

    /// <summary>What is wrong with the subscription's schedule and which field it is in; null when it is valid.</summary>
    public static (string Field, string Message)? Problem(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return ("timeZone", $"'{zone}' is not an IANA time zone (e.g. Asia/Hong_Kong)");
        }

        if (subscription.QuietHours is { } quiet)
        {
            if (ParseTime(quiet.From) is not { } from)
            {
                return ("quietHours.from", $"'{quiet.From}' is not a time of day ({TimeFormat})");
            }

            if (ParseTime(quiet.Until) is not { } until)
            {
                return ("quietHours.until", $"'{quiet.Until}' is not a time of day ({TimeFormat})");
            }

            if (from == until)
            {
                return ("quietHours", "from and until are the same time");
            }
        }

        if (subscription.Digest is { } digest)
        {
            if (digest.At is null || digest.At.Count is 0 or > MaxDigestTimes)
            {
                return ("digest.at", $"give 1 to {MaxDigestTimes} times of day");
            }

            if (digest.At.FirstOrDefault(t => ParseTime(t) is null) is { } bad)
            {
                return ("digest.at", $"'{bad}' is not a time of day ({TimeFormat})");
            }
        }

        return null;
    }

    private static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private static string Format(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ToUtc(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
