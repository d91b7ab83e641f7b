using System.Globalization;

namespace Alerts.Sources.Parsing;

/// <summary>
/// HKEX, SSE, SZSE, CSRC and the quote vendors print local wall-clock times without an offset; HKT and Beijing time are
/// both UTC+8 with no daylight saving, so attaching +08:00 is exact.
/// </summary>
internal static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static bool TryParse(string? text, string format, out DateTimeOffset value) => TryParse(text, [format], out value);

    public static bool TryParse(string? text, string[] formats, out DateTimeOffset value)
    {
        if (!string.IsNullOrWhiteSpace(text)
            && DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(local, Offset);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Midnight at the start of <paramref name="date"/> in UTC+8, for sources that publish dates only.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>Today's date in UTC+8 by the injected clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);

    /// <summary>Yesterday and today in UTC+8 by the injected clock, in <paramref name="format"/>: the window announcement sources poll.</summary>
    public static (string From, string To) YesterdayAndToday(TimeProvider clock, string format)
    {
        var today = Today(clock);
        return (today.AddDays(-1).ToString(format, CultureInfo.InvariantCulture), today.ToString(format, CultureInfo.InvariantCulture));
    }
}
