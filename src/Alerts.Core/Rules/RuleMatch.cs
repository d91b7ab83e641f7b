using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>
/// A rule whose conditions an event meets, with the subject its state is kept under
/// (the company for announcement rules, the symbol for price rules; "*" for an issuer no company matches).
/// </summary>
public sealed record RuleMatch(Rule Rule, string Subject, Company? Company);
