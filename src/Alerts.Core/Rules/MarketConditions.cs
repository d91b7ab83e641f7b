using System.Globalization;
using Alerts.Core.Model;
using Alerts.Core.Rules.Calendars;
using Alerts.Core.Rules.Market;

namespace Alerts.Core.Rules;

/// <summary>The conditions of the rules that read price history: new highs and lows, moves over a window, volume spikes.</summary>
internal static class MarketConditions
{
    public static MarketOutcome Evaluate(RuleMatch match, RuleState state, PriceTick tick, IMarketView? market, TradingCalendar calendar)
    {
        var newDay = state.LastSeenAt is { } seen && calendar.TradingDayOf(seen) != calendar.TradingDayOf(tick.Time);
        var history = market?.History(tick.Symbol);
        return match.Rule switch
        {
            NewHighLowRule rule => NewHighLow(rule, state, tick, history, calendar, newDay),
            WindowMoveRule rule => WindowMove(rule, state, tick, history, calendar, newDay),
            VolumeSpikeRule rule => VolumeSpike(rule, state, tick, history, calendar, newDay),
            ListingSpreadRule rule => SpreadCondition.Evaluate(rule, match, state, tick, market),
            _ => MarketOutcome.HeldBack(state.Armed, state.Reference, "not a market rule"),
        };
    }

    private static MarketOutcome NewHighLow(NewHighLowRule rule, RuleState state, PriceTick tick, SymbolHistory? history, TradingCalendar calendar, bool newDay)
    {
        var today = calendar.TradingDayOf(tick.Time);
        var (from, window) = rule.Window switch
        {
            HistoryWindow.Weeks52 => (today.AddDays(-364), "52-week"),
            HistoryWindow.TradingDays => (calendar.TradingDaysBefore(today, rule.TradingDays ?? 1), $"{rule.TradingDays}-day"),
            _ => (DateOnly.MinValue, "all-time"),
        };
        if (history?.CloseRange(from, today) is not { } range)
        {
            return MarketOutcome.HeldBack(state.Armed, state.Reference, $"no stored closes of {tick.Symbol} in the {window} window" + SeedingFailed(history));
        }

        var high = rule.Extreme == Extreme.High;
        var record = high ? range.High : range.Low;
        var beyond = high ? tick.Price > record : tick.Price < record;
        var band = record * rule.RearmPercent / 100m;
        var rearmed = state.Armed || newDay || (high ? tick.Price <= record - band : tick.Price >= record + band);
        return MarketOutcome.Edge(beyond, rearmed, state.Reference, (tick, window, high, record, range.Days), static v =>
            $"new {v.window} {(v.high ? "high" : "low")} {v.tick.Currency} {Shown.Money(v.tick.Price)} "
            + $"(previous {(v.high ? "highest" : "lowest")} close {v.tick.Currency} {Shown.Money(v.record)} over {v.Days} trading day(s))");
    }

    private static MarketOutcome WindowMove(WindowMoveRule rule, RuleState state, PriceTick tick, SymbolHistory? history, TradingCalendar calendar, bool newDay)
    {
        decimal move;
        (int Minutes, int Days, decimal Price) from;
        var fromDate = default(DateOnly);
        if (rule.Minutes is { } minutes)
        {
            // N minutes of trading: a window that reaches into the lunch break or past the last close continues before it.
            var since = calendar.TradingTimeBefore(tick.Time, TimeSpan.FromMinutes(minutes));
            if (history?.RangeSince(since) is not { } range || range.Low <= 0)
            {
                return MarketOutcome.HeldBack(state.Armed, state.Reference, $"no quotes of {tick.Symbol} in the last {minutes} trading minutes");
            }

            var up = (tick.Price - range.Low) / range.Low * 100m;
            var down = (tick.Price - range.High) / range.High * 100m;
            move = rule.Direction switch
            {
                MoveDirection.Up => up,
                MoveDirection.Down => down,
                _ => Math.Abs(up) >= Math.Abs(down) ? up : down,
            };
            from = (minutes, 0, move >= 0 ? range.Low : range.High);
        }
        else
        {
            var days = rule.TradingDays ?? 1;
            var anchor = calendar.TradingDaysBefore(calendar.TradingDayOf(tick.Time), days);
            if (history?.CloseOnOrBefore(anchor) is not { Close: > 0 } close)
            {
                return MarketOutcome.HeldBack(state.Armed, state.Reference, $"no stored close of {tick.Symbol} on or before {anchor:yyyy-MM-dd}" + SeedingFailed(history));
            }

            move = (tick.Price - close.Close) / close.Close * 100m;
            from = (0, days, close.Close);
            fromDate = close.Date;
        }

        var threshold = rule.ThresholdPercent;
        var beyond = rule.Direction switch
        {
            MoveDirection.Up => move >= threshold,
            MoveDirection.Down => move <= -threshold,
            _ => Math.Abs(move) >= threshold,
        };
        var rearmed = state.Armed || newDay || Math.Abs(move) <= threshold - rule.RearmPoints;
        return MarketOutcome.Edge(beyond, rearmed, state.Reference, (tick, move, threshold, from, fromDate), static v =>
            $"moved {Shown.Percent(v.move)}% (threshold {Shown.Number(v.threshold)}%) "
            + (v.from.Minutes > 0
                ? $"in {v.from.Minutes} trading minutes, from {v.tick.Currency} {Shown.Money(v.from.Price)}"
                : $"over {v.from.Days} trading day(s), from the close of {v.fromDate:yyyy-MM-dd} at {v.tick.Currency} {Shown.Money(v.from.Price)}")
            + $" to {v.tick.Currency} {Shown.Money(v.tick.Price)}");
    }

    private static string SeedingFailed(SymbolHistory? history) =>
        history?.Daily.SeedProblem is { } problem ? $" (seeding its closes failed: {problem})" : string.Empty;

    private static MarketOutcome VolumeSpike(VolumeSpikeRule rule, RuleState state, PriceTick tick, SymbolHistory? history, TradingCalendar calendar, bool newDay)
    {
        var local = calendar.LocalTime(tick.Time);
        var slot = VolumeProfile.SlotOf(local);
        if (history?.AverageVolumeBy(slot, rule.Days, calendar.TradingDayOf(tick.Time)) is not { Average: > 0 } average)
        {
            return MarketOutcome.HeldBack(state.Armed, state.Reference, $"no volume of {tick.Symbol} by {local:HH:mm} on earlier days");
        }

        var ratio = tick.Volume / average.Average;
        var beyond = ratio >= rule.Multiple;
        var rearmed = state.Armed || newDay || ratio <= rule.Multiple * (1m - (rule.RearmPercent / 100m));
        return MarketOutcome.Edge(beyond, rearmed, state.Reference, (tick, local, ratio, average, rule.Multiple), static v =>
            $"volume {v.tick.Volume.ToString("N0", CultureInfo.InvariantCulture)} by {v.local:HH:mm} is {Shown.Number(Math.Round(v.ratio, 1))}× "
            + $"the {v.average.Days}-day average {Math.Round(v.average.Average).ToString("N0", CultureInfo.InvariantCulture)} (threshold {Shown.Number(v.Multiple)}×)");
    }
}

/// <summary>Numbers as the alert texts write them.</summary>
internal static class Shown
{
    public static string Money(decimal amount) => amount.ToString("#,0.00##", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => Math.Round(value, 2).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
