using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Core.Rules;

/// <summary>Building the index from rules, watchlists and the company directory.</summary>
public sealed partial class RuleBook
{
    public static RuleBook Build(IEnumerable<Rule> rules, IEnumerable<Watchlist> watchlists, CompanyDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var resolver = new ScopeResolver(directory, watchlists);
        var keywordIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var announcementRules = new List<IndexedRule>();
        var ruleKeywords = new List<int>();
        var byCompany = new Dictionary<string, List<int>[]>(StringComparer.Ordinal);
        var anyCompany = NewBuckets();
        var anyCompanyByKeyword = new List<List<int>>();
        var priceRules = new List<Rule>();
        var bySymbol = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var anySymbol = new List<int>();

        // Resolve every scope first (problems are reported in the order rules were given), then number announcement rules
        // grouped by scope: rules sharing a watchlist sit next to each other in every company's buckets, so matching reads
        // the rule table in runs instead of jumping around it.
        var announcementScopes = new List<(AnnouncementRule Rule, HashSet<string>? Companies, string Group)>();
        var priceScopes = new List<(Rule Rule, HashSet<string>? Companies)>();
        foreach (var rule in rules.Where(r => r.Enabled))
        {
            if (HasUnknownCategory(rule))
            {
                resolver.Problems.Add($"rule {rule.Id}: unknown announcement category; the rule is skipped");
                continue;
            }

            var companies = resolver.Resolve(rule);
            if (rule is AnnouncementRule announcementRule)
            {
                announcementScopes.Add((announcementRule, companies, ScopeGroup(announcementRule, companies)));
            }
            else
            {
                priceScopes.Add((rule, companies));
            }
        }

        foreach (var (announcementRule, companies, _) in announcementScopes.OrderBy(s => s.Group, StringComparer.Ordinal))
        {
            var index = announcementRules.Count;
            var any = KeywordIds(announcementRule.KeywordsAny, keywordIds);
            var none = KeywordIds(announcementRule.KeywordsNone, keywordIds);
            var categoryMask = announcementRule.Categories.Aggregate(0, (mask, c) => mask | (1 << (int)c));
            announcementRules.Add(new IndexedRule(announcementRule, ruleKeywords.Count, any.Length, none.Length, categoryMask));
            ruleKeywords.AddRange(any);
            ruleKeywords.AddRange(none);
            if (companies is null && any.Length > 0)
            {
                // Market-wide with required keywords: reachable only through one of them.
                foreach (var keyword in any.Distinct())
                {
                    while (anyCompanyByKeyword.Count <= keyword)
                    {
                        anyCompanyByKeyword.Add([]);
                    }

                    anyCompanyByKeyword[keyword].Add(index);
                }

                continue;
            }

            var categories = announcementRule.Categories.Count == 0
                ? [WildcardCategory]
                : announcementRule.Categories.Select(c => (int)c).Distinct().ToArray();
            foreach (var buckets in BucketsFor(companies, byCompany, anyCompany))
            {
                foreach (var category in categories)
                {
                    buckets[category].Add(index);
                }
            }
        }

        var spreadBySymbol = new Dictionary<string, List<(int, Company)>>(StringComparer.OrdinalIgnoreCase);
        var historySymbols = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var historyForAll = false;
        foreach (var (rule, companies) in priceScopes)
        {
            var index = priceRules.Count;
            priceRules.Add(rule);
            if (rule is ListingSpreadRule spread)
            {
                IndexSpread(spread, index, companies, directory, spreadBySymbol, historySymbols, resolver.Problems);
                continue;
            }

            if (rule is IMarketRule)
            {
                historyForAll |= companies is null;
                historySymbols.UnionWith(companies?.SelectMany(id => directory.ById(id)?.Listings ?? []).Select(l => l.Symbol) ?? []);
            }

            if (companies is null)
            {
                anySymbol.Add(index);
                continue;
            }

            foreach (var listing in companies.SelectMany(id => directory.ById(id)?.Listings ?? []))
            {
                if (!bySymbol.TryGetValue(listing.Symbol, out var list))
                {
                    bySymbol[listing.Symbol] = list = [];
                }

                list.Add(index);
            }
        }

        var keywordList = new string[keywordIds.Count];
        foreach (var (keyword, id) in keywordIds)
        {
            keywordList[id] = keyword;
        }

        while (anyCompanyByKeyword.Count < keywordList.Length)
        {
            anyCompanyByKeyword.Add([]);
        }

        return new RuleBook(
            directory,
            [.. announcementRules],
            [.. ruleKeywords],
            byCompany.ToDictionary(kv => kv.Key, kv => Freeze(kv.Value, announcementRules), StringComparer.Ordinal),
            Freeze(anyCompany, announcementRules),
            [.. anyCompanyByKeyword.Select(l => l.Count == 0 ? [] : l.ToArray())],
            KeywordAutomaton.Build(keywordList),
            [.. priceRules],
            bySymbol.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
            [.. anySymbol],
            spreadBySymbol.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
            historyForAll ? null : historySymbols,
            resolver.Problems);
    }

    /// <summary>A listing spread is watched per company, through both its listings and the exchange rate between them.</summary>
    private static void IndexSpread(
        ListingSpreadRule rule, int index, HashSet<string>? companies, CompanyDirectory directory,
        Dictionary<string, List<(int, Company)>> bySymbol, HashSet<string> historySymbols, List<string> problems)
    {
        var candidates = companies is null ? directory.All : companies.Select(directory.ById).OfType<Company>();
        foreach (var company in candidates)
        {
            if (SpreadLegs.Resolve(rule, company) is not { } legs)
            {
                if (companies is not null)
                {
                    problems.Add($"rule {rule.Id}: {company.Id} does not have both listings the spread compares");
                }

                continue;
            }

            foreach (var symbol in legs.Symbols)
            {
                historySymbols.Add(symbol);
                if (!bySymbol.TryGetValue(symbol, out var list))
                {
                    bySymbol[symbol] = list = [];
                }

                list.Add((index, company));
            }
        }
    }


    /// <summary>Rules with the same company set get the same group (and so neighbouring numbers); a watchlist is one group.</summary>
    private static string ScopeGroup(AnnouncementRule rule, HashSet<string>? companies) =>
        companies is null ? "*"
        : rule.Companies.Watchlist is { } watchlist && rule.Companies.Companies.Count == 0 ? "w:" + rule.TenantId + "\u001f" + watchlist
        : "c:" + string.Join('\u001f', companies.Order(StringComparer.Ordinal));

    /// <summary>A category outside the enum (a number in stored JSON) would index past the buckets: such a rule is skipped.</summary>
    internal static bool HasUnknownCategory(Rule rule) =>
        rule is AnnouncementRule announcementRule && announcementRule.Categories.Any(c => (uint)c >= (uint)CategoryCount);

    /// <summary>Blank keywords (nothing left after folding) are ignored, as <see cref="NaiveRuleScan"/> ignores them.</summary>
    private static int[] KeywordIds(IReadOnlyList<string> keywords, Dictionary<string, int> ids)
    {
        var result = new List<int>(keywords.Count);
        foreach (var keyword in keywords)
        {
            var folded = TextNormalizer.Fold(keyword);
            if (folded.Length == 0)
            {
                continue;
            }

            if (!ids.TryGetValue(folded, out var id))
            {
                ids[folded] = id = ids.Count;
            }

            result.Add(id);
        }

        return [.. result];
    }

    private static IEnumerable<List<int>[]> BucketsFor(HashSet<string>? companies, Dictionary<string, List<int>[]> byCompany, List<int>[] anyCompany)
    {
        if (companies is null)
        {
            yield return anyCompany;
            yield break;
        }

        foreach (var id in companies)
        {
            if (!byCompany.TryGetValue(id, out var buckets))
            {
                byCompany[id] = buckets = NewBuckets();
            }

            yield return buckets;
        }
    }

    private static List<int>[] NewBuckets() => [.. Enumerable.Range(0, WildcardCategory + 1).Select(_ => new List<int>())];

    private static Bucket[] Freeze(List<int>[] buckets, List<IndexedRule> rules) => [.. buckets.Select(b => Bucket.Of(b, rules))];
}
