namespace Alerts.Core.Rules.Calendars;

/// <summary>
/// One exchange's trading days: weekdays that are not holidays, in the exchange's own time zone, and each day's trading
/// sessions (<see cref="SessionsOn"/>: lunch breaks, early closes). Outside the dates the bundled file covers, only weekends
/// are known (<see cref="Covers"/> says which).
/// </summary>
public sealed partial class TradingCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    public TradingCalendar(
        string exchange, TimeZoneInfo zone, IEnumerable<DateOnly> holidays, DateOnly validFrom, DateOnly validThrough, DateOnly? provisionalFrom = null,
        TradingHours? hours = null)
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
        Hours = hours ?? TradingHours.AllDay;
    }

    /// <summary>The sessions of a full trading day and the dates that close early.</summary>
    public TradingHours Hours { get; }

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
    public DateOnly LocalDate(DateTimeOffset instant) => DayOf(instant).Date;

    /// <summary>The exchange's wall-clock time of day at <paramref name="instant"/>.</summary>
    public TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromTimeSpan(instant.UtcDateTime - DayOf(instant).StartUtc);

    /// <summary>
    /// The trading day an instant belongs to: its local date when that is a trading day, else the next trading day (a weekend or
    /// holiday tick counts towards the session that follows it).
    /// </summary>
    public DateOnly TradingDayOf(DateTimeOffset instant) => DayOf(instant).TradingDay;

    /// <summary>
    /// The local day around an instant. Ticks come in runs on one day, so the last day looked up is kept (one immutable object,
    /// swapped whole, so threads sharing a calendar never see half of one) and a time-zone conversion is done once a day.
    /// </summary>
    private LocalDay DayOf(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        if (_lastDay is { } last && utc >= last.StartUtc && utc < last.EndUtc)
        {
            return last;
        }

        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var start = local.DateTime.Date - local.Offset;
        var end = start.AddDays(1);

        // A day with a daylight-saving change is not 24 hours long: such a day is converted every time instead of cached.
        var day = new LocalDay(date, NextOrSame(date), DateTime.SpecifyKind(start, DateTimeKind.Utc), DateTime.SpecifyKind(end, DateTimeKind.Utc));
        if (Zone.GetUtcOffset(day.EndUtc.AddTicks(-1)) == local.Offset)
        {
            _lastDay = day;
            return day;
        }

        return day with { EndUtc = day.StartUtc };
    }

    private LocalDay? _lastDay;

    private sealed record LocalDay(DateOnly Date, DateOnly TradingDay, DateTime StartUtc, DateTime EndUtc);

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
