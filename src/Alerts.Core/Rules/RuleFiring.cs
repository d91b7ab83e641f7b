using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>
/// Decides whether a matched rule fires, from its stored state. Times are the event's own, so replays and backtests decide
/// exactly as live evaluation did. Replaying the event that last fired fires again (same alert id, so nothing new is created):
/// that is what makes a crash between "alert written" and "state written" safe.
/// </summary>
public static class RuleFiring
{
    public static FiringDecision Decide(RuleMatch match, RuleState? stored, MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentNullException.ThrowIfNull(marketEvent);
        var rule = match.Rule;
        var at = marketEvent.OccurredAt;
        var state = stored ?? InitialState(rule, match.Subject, marketEvent);

        if (state.LastFiredEventId == marketEvent.Id)
        {
            return new FiringDecision(true, state, stored is null, "replay of the event that fired");
        }

        if (!rule.IsActive(at))
        {
            return new FiringDecision(false, state, false, rule.Enabled ? "expired" : "disabled");
        }

        if (marketEvent.Kind == MarketEventKind.PriceTick && state.LastSeenAt is { } seen && at < seen)
        {
            return new FiringDecision(false, state, false, "tick older than the rule's last observation");
        }

        var calendar = CalendarOf(match, marketEvent);
        var (conditionMet, armedAfter) = Condition(rule, state, marketEvent, calendar);
        var next = state with { Armed = armedAfter, LastSeenAt = marketEvent.Kind == MarketEventKind.PriceTick ? at : state.LastSeenAt };

        // Any difference must be stored, including a later LastSeenAt: late ticks and new trading days are judged by it.
        var changed = stored is null || next != state;
        if (!conditionMet)
        {
            return new FiringDecision(false, next, changed, "condition not met");
        }

        if (!FrequencyAllows(rule.Frequency, state, at, calendar))
        {
            return new FiringDecision(false, next, changed, "suppressed by frequency");
        }

        var fired = next with { LastFiredAt = at, LastFiredEventId = marketEvent.Id, FireCount = state.FireCount + 1 };
        return new FiringDecision(true, fired, true, "fired");
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
    private static (bool Met, bool ArmedAfter) Condition(Rule rule, RuleState state, MarketEvent marketEvent, Func<DateTimeOffset, DateOnly> calendar)
    {
        switch (rule)
        {
            case AnnouncementRule:
                return (true, true);
            case PriceMoveRule move:
            {
                var tick = marketEvent.Tick!;
                var armed = state.Armed || (state.LastSeenAt is { } seen && calendar(seen) != calendar(tick.Time));
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
    /// The trading calendar of the match: the tick's own exchange (a bare US symbol such as AAPL trades on New York days), or for
    /// announcements the exchange of the company's first listing, else the subject's (UTC+8 for company ids).
    /// </summary>
    private static Func<DateTimeOffset, DateOnly> CalendarOf(RuleMatch match, MarketEvent marketEvent) =>
        (marketEvent.Tick?.Symbol ?? match.Company?.Listings.FirstOrDefault()?.Symbol) is { } symbol
            ? instant => TradingDay.OfSymbol(instant, symbol)
            : instant => TradingDay.Of(instant, match.Subject);

    private static bool FrequencyAllows(Frequency frequency, RuleState state, DateTimeOffset at, Func<DateTimeOffset, DateOnly> calendar) => frequency.Kind switch
    {
        FrequencyKind.EveryTime => true,
        FrequencyKind.Once => state.FireCount == 0,
        FrequencyKind.OncePerTradingDay => state.LastFiredAt is not { } last || calendar(last) != calendar(at),
        FrequencyKind.Cooldown => state.LastFiredAt is not { } last || at - last >= (frequency.Cooldown ?? TimeSpan.Zero),
        _ => false,
    };
}
