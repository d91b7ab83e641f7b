using Alerts.Core.Model;
using Alerts.Core.Rules.Calendars;
using Alerts.Core.Rules.Market;

namespace Alerts.Core.Rules;

/// <summary>
/// Decides whether a matched rule fires, from its stored state. Times are the event's own, so replays and backtests decide
/// exactly as live evaluation did. Replaying the event that last fired fires again (same alert id, so nothing new is created):
/// that is what makes a crash between "alert written" and "state written" safe.
/// </summary>
public static class RuleFiring
{
    /// <param name="market">The symbol histories the market rules (<see cref="IMarketRule"/>) read; without it they are held back.</param>
    public static FiringDecision Decide(RuleMatch match, RuleState? stored, MarketEvent marketEvent, IMarketView? market = null)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var rule = match.Rule;
        var at = marketEvent.OccurredAt;
        var state = stored ?? InitialState(rule, match.Subject, marketEvent);
        var calendar = CalendarOf(match, marketEvent);

        if (state.LastFiredEventId == marketEvent.Id)
        {
            var again = rule is IMarketRule && marketEvent.Tick is { } replayed ? MarketConditions.Evaluate(match, state, replayed, market, calendar).Explanation : null;
            return new FiringDecision(true, state, stored is null, "replay of the event that fired", again);
        }

        if (!rule.IsActive(at))
        {
            return new FiringDecision(false, state, false, rule.Enabled ? "expired" : "disabled");
        }

        if (marketEvent.Kind == MarketEventKind.PriceTick && state.LastSeenAt is { } seen && at < seen)
        {
            return new FiringDecision(false, state, false, "tick older than the rule's last observation");
        }

        var outcome = rule is IMarketRule && marketEvent.Tick is { } tick
            ? MarketConditions.Evaluate(match, state, tick, market, calendar)
            : Condition(rule, state, marketEvent, calendar);
        var next = state with
        {
            Armed = outcome.ArmedAfter,
            LastSeenAt = marketEvent.Kind == MarketEventKind.PriceTick ? at : state.LastSeenAt,
            Reference = outcome.Reference ?? state.Reference,
        };

        // Any difference must be stored, including a later LastSeenAt: late ticks and new trading days are judged by it.
        var changed = stored is null || next != state;
        if (!outcome.Met)
        {
            return new FiringDecision(false, next, changed, outcome.Reason, outcome.Explanation);
        }

        if (!FrequencyAllows(rule.Frequency, state, at, calendar))
        {
            return new FiringDecision(false, next, changed, "suppressed by frequency", outcome.Explanation);
        }

        var fired = next with
        {
            LastFiredAt = at, LastFiredEventId = marketEvent.Id, FireCount = state.FireCount + 1, Reference = outcome.FiredReference ?? next.Reference,
        };
        return new FiringDecision(true, fired, true, "fired", outcome.Explanation);
    }

    /// <summary>
    /// An announcement rule that fires every time decides nothing from its state, so evaluation neither reads nor writes it
    /// (a replay fires again anyway, under the same alert id).
    /// </summary>
    public static bool IsStateless(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule is AnnouncementRule && rule.Frequency.Kind == FrequencyKind.EveryTime;
    }

    private static RuleState InitialState(Rule rule, string subject, MarketEvent marketEvent)
    {
        var initial = RuleState.Initial(rule.TenantId, rule.Id, subject);

        // A level already beyond the threshold at the previous close is no crossing: wait for the price to come back first.
        if (rule is PriceLevelRule level && marketEvent.Tick is { PreviousClose: > 0 } tick)
        {
            var alreadyBeyond = level.Direction == CrossDirection.Above ? tick.PreviousClose >= level.Level : tick.PreviousClose <= level.Level;
            return initial with { Armed = !alreadyBeyond };
        }

        return initial;
    }

    /// <summary>Whether the condition holds now as an edge, and whether the rule is armed afterwards.</summary>
    private static MarketOutcome Condition(Rule rule, RuleState state, MarketEvent marketEvent, TradingCalendar calendar)
    {
        var (met, armed) = PriceCondition(rule, state, marketEvent, calendar);
        return new MarketOutcome(met, armed, null, null, met ? "condition met" : "condition not met", null);
    }

    private static (bool Met, bool ArmedAfter) PriceCondition(Rule rule, RuleState state, MarketEvent marketEvent, TradingCalendar calendar)
    {
        switch (rule)
        {
            case AnnouncementRule:
                return (true, true);
            case PriceMoveRule move:
            {
                var tick = marketEvent.Tick!;
                var armed = state.Armed || (state.LastSeenAt is { } seen && calendar.TradingDayOf(seen) != calendar.TradingDayOf(tick.Time));
                var change = tick.ChangePercent;
                var beyond = move.Direction switch
                {
                    MoveDirection.Up => change >= move.ThresholdPercent,
                    MoveDirection.Down => change <= -move.ThresholdPercent,
                    _ => Math.Abs(change) >= move.ThresholdPercent,
                };
                return beyond ? (armed, false) : (false, true);
            }

            case PriceLevelRule level:
            {
                var price = marketEvent.Tick!.Price;
                var band = level.Level * level.HysteresisPercent / 100m;
                var crossed = level.Direction == CrossDirection.Above ? price >= level.Level : price <= level.Level;
                var backBeyondBand = level.Direction == CrossDirection.Above ? price <= level.Level - band : price >= level.Level + band;
                if (crossed)
                {
                    return (state.Armed, false);
                }

                return (false, state.Armed || backBeyondBand);
            }

            default:
                return (false, state.Armed);
        }
    }

    /// <summary>
    /// The trading calendar of the match: the tick's own exchange (a bare US symbol such as AAPL trades on New York days), for a
    /// listing spread the measured listing's exchange, for announcements the exchange of the company's first listing, else HKEX.
    /// </summary>
    private static TradingCalendar CalendarOf(RuleMatch match, MarketEvent marketEvent)
    {
        if (match.Rule is ListingSpreadRule spread && match.Company is { } company && SpreadLegs.Resolve(spread, company) is { } legs)
        {
            return TradingCalendars.ForSymbol(legs.First.Symbol);
        }

        if ((marketEvent.Tick?.Symbol ?? match.Company?.Listings.FirstOrDefault()?.Symbol) is { } symbol)
        {
            return TradingCalendars.ForSymbol(symbol);
        }

        return match.Subject.Contains('.', StringComparison.Ordinal) ? TradingCalendars.ForSymbol(match.Subject) : TradingCalendars.Hkex;
    }

    private static bool FrequencyAllows(Frequency frequency, RuleState state, DateTimeOffset at, TradingCalendar calendar) => frequency.Kind switch
    {
        FrequencyKind.EveryTime => true,
        FrequencyKind.Once => state.FireCount == 0,
        FrequencyKind.OncePerTradingDay => state.LastFiredAt is not { } last || calendar.TradingDayOf(last) != calendar.TradingDayOf(at),
        FrequencyKind.Cooldown => state.LastFiredAt is not { } last || at - last >= (frequency.Cooldown ?? TimeSpan.Zero),
        _ => false,
    };
}
