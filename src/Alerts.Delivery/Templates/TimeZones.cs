namespace Alerts.Delivery.Templates;

/// <summary>IANA time zone ids (<c>Asia/Hong_Kong</c>) as given in subscriptions.</summary>
public static class TimeZones
{
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }
}
