using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>
/// What evaluating one rule on one event decided: whether it fires, and the state to store
/// (<see cref="StateChanged"/> false means nothing needs writing).
/// </summary>
public sealed record FiringDecision(bool Fires, RuleState State, bool StateChanged, string Reason);
