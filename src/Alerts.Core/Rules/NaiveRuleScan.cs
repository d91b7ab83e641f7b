using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Core.Rules;

/// <summary>
/// The obvious way to match: test every rule against every event. Kept as the reference that tests compare
/// <see cref="RuleBook"/> against, and as the baseline the benchmark measures the index by.
/// </summary>
public sealed class NaiveRuleScan
{
    private readonly (AnnouncementRule Rule, HashSet<string>? Companies, string[] Any, string[] None)[] _rules;
    private readonly CompanyDirectory _directory;

    public NaiveRuleScan(IEnumerable<Rule> rules, IEnumerable<Watchlist> watchlists, CompanyDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _directory = directory;
        var resolver = new ScopeResolver(directory, watchlists);
        _rules = [.. rules.OfType<AnnouncementRule>().Where(r => r.Enabled && !RuleBook.HasUnknownCategory(r)).Select(r => (
            r,
            resolver.Resolve(r),
            Folded(r.KeywordsAny),
            Folded(r.KeywordsNone)))];
    }

    /// <summary>Keywords as matched: folded, and blank ones (nothing left after folding) dropped.</summary>
    private static string[] Folded(IReadOnlyList<string> keywords) => [.. keywords.Select(TextNormalizer.Fold).Where(k => k.Length > 0)];

    /// <summary>The ids of the announcement rules that match.</summary>
    public IReadOnlyList<string> Match(Announcement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        var companyIds = announcement.Issuers.Select(_directory.Resolve).OfType<Company>().Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var categories = announcement.Categories.Count == 0 ? [AnnouncementCategory.Other] : announcement.Categories;
        var title = TextNormalizer.Fold(announcement.MatchText());
        var matched = new List<string>();
        foreach (var (rule, companies, any, none) in _rules)
        {
            if (companies is not null && !companies.Overlaps(companyIds))
            {
                continue;
            }

            if (rule.Categories.Count > 0 && !rule.Categories.Any(categories.Contains))
            {
                continue;
            }

            if (any.Length > 0 && !any.Any(k => title.Contains(k, StringComparison.Ordinal)))
            {
                continue;
            }

            if (none.Any(k => title.Contains(k, StringComparison.Ordinal)))
            {
                continue;
            }

            matched.Add(rule.Id);
        }

        return matched;
    }
}
