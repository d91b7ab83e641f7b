using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>
/// What evaluating one rule on one event decided: whether it fires, and the state to store
/// (<see cref="StateChanged"/> false means nothing needs writing). <see cref="Explanation"/> is what a market rule saw, for the
/// alert text ("A-share premium 38.2% (threshold 35%): …"); a reason starting "held back" names a missing or stale input.
/// </summary>
public sealed record FiringDecision(bool Fires, RuleState State, bool StateChanged, string Reason, string? Explanation = null)
{
    public bool HeldBack => Reason.StartsWith(MarketOutcome.HeldBackPrefix, StringComparison.Ordinal);
}
