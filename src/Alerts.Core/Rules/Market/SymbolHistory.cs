using Alerts.Core.Model;
using Alerts.Core.Rules.Calendars;

namespace Alerts.Core.Rules.Market;

/// <summary>The latest quote of a symbol.</summary>
public sealed record Quote(string Symbol, decimal Price, string Currency, DateTimeOffset At);

/// <summary>
/// What the market rules know about one symbol: stored daily closes and volume profiles, and the current day. Ticks update it
/// (<see cref="Observe"/>): a tick of a later trading day closes the previous one (its last price becomes the close), and a
/// tick's previous close fills in the prior trading day's close when it is missing. Observing the same tick twice changes nothing.
/// </summary>
public sealed class SymbolHistory(string symbol, DailyHistory? daily = null, IntradayHistory? today = null)
{
    public string Symbol { get; } = symbol;

    public DailyHistory Daily { get; private set; } = daily ?? new DailyHistory();

    public IntradayHistory? Today { get; private set; } = today;

    public TradingCalendar Calendar { get; } = TradingCalendars.ForSymbol(symbol);

    // Many rules with the same window read the same range on every tick of the day: computed once until the closes change.
    private readonly Dictionary<(int From, int Before), (decimal High, decimal Low, int Days)?> _ranges = [];

    // The oldest minute kept changes only when a new minute starts: worked out once per minute, not per tick.
    private (long Newest, long Oldest) _oldestKept = (-1, -1);

    public Quote? Latest => Today is { } t ? new Quote(Symbol, t.Price, t.Currency, t.At) : null;

    /// <summary>Applies a tick; says which of the two stored parts changed.</summary>
    public (bool DailyChanged, bool TodayChanged) Observe(PriceTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var day = Calendar.TradingDayOf(tick.Time);
        if (Today is { } current && day < current.Day)
        {
            return (false, false); // a late tick of a closed day: its close is already decided
        }

        var dailyChanged = false;
        if (Today is { } finished && day > finished.Day)
        {
            dailyChanged |= Daily.SetClose(finished.Day, finished.Price);
            dailyChanged |= Daily.AddProfile(finished.Day, finished.Slots);
            Today = new IntradayHistory { Day = day, Minutes = finished.Minutes };
        }

        // The exchange's own previous close is better than the last tick seen: it replaces the close the rollover guessed.
        if (tick.PreviousClose > 0)
        {
            dailyChanged |= Daily.SetClose(Calendar.TradingDaysBefore(day, 1), tick.PreviousClose);
        }

        if (dailyChanged)
        {
            _ranges.Clear();
        }

        var today = Today ??= new IntradayHistory { Day = day };
        var before = (today.Price, today.At, today.Volume, today.Currency, today.PreviousClose, today.Minutes.Count);
        var changed = false;
        if (tick.Time >= today.At)
        {
            today.Price = tick.Price;
            today.At = tick.Time;
            today.Currency = tick.Currency;
            today.PreviousClose = tick.PreviousClose;
            today.Volume = Math.Max(today.Volume, tick.Volume);
        }

        changed |= before != (today.Price, today.At, today.Volume, today.Currency, today.PreviousClose, today.Minutes.Count);
        changed |= RecordMinute(today, tick);
        var slot = VolumeProfile.SlotOf(Calendar.LocalTime(tick.Time));
        if (tick.Volume > today.Slots[slot])
        {
            today.Slots[slot] = tick.Volume;
            changed = true;
        }

        return (dailyChanged, changed);
    }

    /// <summary>Adds closes from a quote source's daily data or a file (an existing close of the same day is replaced).</summary>
    public bool Seed(IEnumerable<(DateOnly Date, decimal Close)> closes)
    {
        ArgumentNullException.ThrowIfNull(closes);
        var changed = false;
        foreach (var (date, close) in closes)
        {
            changed |= close > 0 && Daily.SetClose(date, close);
        }

        _ranges.Clear();
        return changed;
    }

    /// <summary>The highest and lowest close on days from <paramref name="from"/> (inclusive) to <paramref name="before"/> (exclusive), with how many days.</summary>
    public (decimal High, decimal Low, int Days)? CloseRange(DateOnly from, DateOnly before)
    {
        var key = (DailyHistory.Number(from), DailyHistory.Number(before));
        if (!_ranges.TryGetValue(key, out var range))
        {
            _ranges[key] = range = ComputeRange(key.Item1, key.Item2);
        }

        return range;
    }

    private (decimal High, decimal Low, int Days)? ComputeRange(int from, int before)
    {
        var start = LowerBound(from);
        var end = LowerBound(before);
        if (end <= start)
        {
            return null;
        }

        decimal high = decimal.MinValue, low = decimal.MaxValue;
        for (var i = start; i < end; i++)
        {
            high = Math.Max(high, Daily.Closes[i]);
            low = Math.Min(low, Daily.Closes[i]);
        }

        return (high, low, end - start);
    }

    /// <summary>The close of <paramref name="date"/>, or of the last day before it that has one.</summary>
    public (DateOnly Date, decimal Close)? CloseOnOrBefore(DateOnly date)
    {
        var index = LowerBound(DailyHistory.Number(date) + 1) - 1;
        return index < 0 ? null : (DailyHistory.FromNumber(Daily.Dates[index]), Daily.Closes[index]);
    }

    /// <summary>The lowest and highest price in the minutes since <paramref name="since"/>.</summary>
    public (decimal Low, decimal High)? RangeSince(DateTimeOffset since)
    {
        if (Today is null)
        {
            return null;
        }

        var first = since.ToUnixTimeSeconds() / 60;
        decimal low = decimal.MaxValue, high = decimal.MinValue;
        foreach (var range in Today.Minutes)
        {
            if (range.Minute >= first)
            {
                low = Math.Min(low, range.Low);
                high = Math.Max(high, range.High);
            }
        }

        return low == decimal.MaxValue ? null : (low, high);
    }

    /// <summary>
    /// The average volume traded by the same quarter hour on up to <paramref name="days"/> profiled days before <paramref name="before"/>;
    /// half-days are left out of the averages for quarter hours after their early close.
    /// </summary>
    public (decimal Average, int Days)? AverageVolumeBy(int slot, int days, DateOnly before)
    {
        long total = 0;
        var counted = 0;
        for (var i = Daily.Profiles.Count - 1; i >= 0 && counted < days; i--)
        {
            // A half-day's profile stops at its early close: it says nothing about the volume by a later time of day.
            var date = Daily.Profiles[i].Date;
            if (date < before && !(Calendar.Hours.ClosesEarly(date) && slot * VolumeProfile.SlotMinutes >= Calendar.CloseOn(date)?.TotalMinutes))
            {
                total += Daily.Profiles[i].VolumeBy(slot);
                counted++;
            }
        }

        return counted == 0 ? null : ((decimal)total / counted, counted);
    }

    private int LowerBound(int key)
    {
        var index = Daily.Dates.BinarySearch(key);
        return index >= 0 ? index : ~index;
    }

    private bool RecordMinute(IntradayHistory today, PriceTick tick)
    {
        var minute = tick.Time.ToUnixTimeSeconds() / 60;
        var minutes = today.Minutes;
        var index = minutes.FindLastIndex(m => m.Minute <= minute);
        bool changed;
        if (index >= 0 && minutes[index].Minute == minute)
        {
            var range = minutes[index];
            var widened = range with { Low = Math.Min(range.Low, tick.Price), High = Math.Max(range.High, tick.Price) };
            changed = widened != range;
            minutes[index] = widened;
        }
        else
        {
            minutes.Insert(index + 1, new MinuteRange(minute, tick.Price, tick.Price));
            changed = true;
        }

        // Kept: the longest window in trading time, which reaches past the lunch break and the night (never less than wall time).
        var newest = minutes[^1].Minute;
        if (minutes[0].Minute >= newest - IntradayHistory.MaxWindowMinutes)
        {
            return changed;
        }

        if (_oldestKept.Newest != newest)
        {
            var window = TimeSpan.FromMinutes(IntradayHistory.MaxWindowMinutes);
            var start = Calendar.TradingTimeBefore(DateTimeOffset.FromUnixTimeSeconds((newest + 1) * 60), window).ToUnixTimeSeconds() / 60;
            _oldestKept = (newest, Math.Min(start, newest - IntradayHistory.MaxWindowMinutes));
        }

        var oldest = _oldestKept.Oldest;
        var stale = minutes.FindIndex(m => m.Minute >= oldest);
        if (stale > 0)
        {
            minutes.RemoveRange(0, stale);
        }

        return changed;
    }
}
