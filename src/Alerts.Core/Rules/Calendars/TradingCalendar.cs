namespace Alerts.Core.Rules.Calendars;

/// <summary>
/// One exchange's trading days: weekdays that are not holidays, in the exchange's own time zone. Outside the dates the bundled
/// file covers, only weekends are known (<see cref="Covers"/> says which).
/// </summary>
public sealed class TradingCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    public TradingCalendar(string exchange, TimeZoneInfo zone, IEnumerable<DateOnly> holidays, DateOnly validFrom, DateOnly validThrough, DateOnly? provisionalFrom = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(holidays);
        Exchange = exchange;
        Zone = zone;
        _holidays = [.. holidays];
        ValidFrom = validFrom;
        ValidThrough = validThrough;
        ProvisionalFrom = provisionalFrom;
    }

    public string Exchange { get; }

    public TimeZoneInfo Zone { get; }

    public DateOnly ValidFrom { get; }

    public DateOnly ValidThrough { get; }

    /// <summary>From this date on the holidays are derived from rules, not from a published schedule (null: all published).</summary>
    public DateOnly? ProvisionalFrom { get; }

    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    public bool Covers(DateOnly date) => date >= ValidFrom && date <= ValidThrough;

    public bool IsTradingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>The calendar date at the exchange when <paramref name="instant"/> happens.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The exchange's wall-clock time of day at <paramref name="instant"/>.</summary>
    public TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>
    /// The trading day an instant belongs to: its local date when that is a trading day, else the next trading day (a weekend or
    /// holiday tick counts towards the session that follows it).
    /// </summary>
    public DateOnly TradingDayOf(DateTimeOffset instant) => NextOrSame(LocalDate(instant));

    public DateOnly NextOrSame(DateOnly date)
    {
        while (!IsTradingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>The trading day <paramref name="count"/> trading days before (negative: after) <paramref name="day"/>.</summary>
    public DateOnly TradingDaysBefore(DateOnly day, int count)
    {
        var step = count >= 0 ? -1 : 1;
        for (var remaining = Math.Abs(count); remaining > 0;)
        {
            day = day.AddDays(step);
            if (IsTradingDay(day))
            {
                remaining--;
            }
        }

        return day;
    }
}
