using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>
/// A rule whose conditions an event meets, with the subject its state is kept under
/// (the company for announcement rules, the symbol for price rules; "*" for an issuer no company matches).
/// </summary>
/// <remarks>
/// A struct: an announcement meets hundreds of rules, and a match is three references the caller reads once, so matches live
/// inline in the caller's buffer instead of as one heap object each (see <see cref="RuleBook.Match(Announcement, List{RuleMatch})"/>).
/// </remarks>
public readonly record struct RuleMatch(Rule Rule, string Subject, Company? Company);
