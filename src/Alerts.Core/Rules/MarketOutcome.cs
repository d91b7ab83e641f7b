namespace Alerts.Core.Rules;

/// <summary>
/// What a market rule's condition came to: whether it holds as an edge, whether the rule is armed afterwards, the reference to
/// keep (and to keep if it fires), and the words for the alert. A held-back outcome names the missing or stale input.
/// </summary>
internal readonly record struct MarketOutcome(bool Met, bool ArmedAfter, decimal? Reference, decimal? FiredReference, string Reason, string? Explanation)
{
    public const string HeldBackPrefix = "held back: ";

    public static MarketOutcome HeldBack(bool armed, decimal? reference, string why) =>
        new(false, armed, reference, null, HeldBackPrefix + why, null);

    /// <summary>
    /// An edge with a re-arm condition: fires only when armed and beyond; disarms while beyond. The explanation is written only
    /// when the condition holds (it is what the alert says), which keeps the many ticks that decide nothing cheap.
    /// </summary>
    public static MarketOutcome Edge<TState>(bool beyond, bool rearmed, decimal? reference, TState values, Func<TState, string> explain) =>
        beyond
            ? new(rearmed, false, reference, reference, rearmed ? "condition met" : "condition still met since the last edge", explain(values))
            : new(false, rearmed, reference, null, "condition not met", null);
}
