using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Core.Rules;

/// <summary>
/// An immutable, indexed snapshot of every enabled rule. Announcement rules are indexed by company and category, price rules
/// by symbol, and all keywords share one <see cref="KeywordAutomaton"/>, so matching an event touches only the rules that
/// could apply to it instead of scanning them all.
/// </summary>
public sealed class RuleBook
{
    private const int WildcardCategory = 8; // one past the last AnnouncementCategory
    private static readonly AnnouncementCategory[] OtherOnly = [AnnouncementCategory.Other];

    private readonly CompiledAnnouncementRule[] _announcementRules;
    private readonly Dictionary<string, int[][]> _byCompany;
    private readonly int[][] _anyCompany;
    private readonly KeywordAutomaton _keywords;
    private readonly Rule[] _priceRules;
    private readonly Dictionary<string, int[]> _bySymbol;
    private readonly int[] _anySymbol;

    private RuleBook(
        CompanyDirectory directory,
        CompiledAnnouncementRule[] announcementRules,
        Dictionary<string, int[][]> byCompany,
        int[][] anyCompany,
        KeywordAutomaton keywords,
        Rule[] priceRules,
        Dictionary<string, int[]> bySymbol,
        int[] anySymbol,
        IReadOnlyList<string> problems)
    {
        Directory = directory;
        _announcementRules = announcementRules;
        _byCompany = byCompany;
        _anyCompany = anyCompany;
        _keywords = keywords;
        _priceRules = priceRules;
        _bySymbol = bySymbol;
        _anySymbol = anySymbol;
        Problems = problems;
    }

    public CompanyDirectory Directory { get; }

    /// <summary>Why some rules cannot match (unknown companies, missing watchlists). Such rules are skipped, not fatal.</summary>
    public IReadOnlyList<string> Problems { get; }

    public int Count => _announcementRules.Length + _priceRules.Length;

    public static RuleBook Empty { get; } = Build([], [], CompanyDirectory.Empty);

    public static RuleBook Build(IEnumerable<Rule> rules, IEnumerable<Watchlist> watchlists, CompanyDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var resolver = new ScopeResolver(directory, watchlists);
        var keywordIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var announcementRules = new List<CompiledAnnouncementRule>();
        var byCompany = new Dictionary<string, List<int>[]>(StringComparer.Ordinal);
        var anyCompany = NewBuckets();
        var priceRules = new List<Rule>();
        var bySymbol = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var anySymbol = new List<int>();

        foreach (var rule in rules.Where(r => r.Enabled))
        {
            var companies = resolver.Resolve(rule);
            if (rule is AnnouncementRule announcementRule)
            {
                var index = announcementRules.Count;
                announcementRules.Add(new CompiledAnnouncementRule(
                    announcementRule,
                    KeywordIds(announcementRule.KeywordsAny, keywordIds),
                    KeywordIds(announcementRule.KeywordsNone, keywordIds)));
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
            else
            {
                var index = priceRules.Count;
                priceRules.Add(rule);
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
        }

        var keywordList = new string[keywordIds.Count];
        foreach (var (keyword, id) in keywordIds)
        {
            keywordList[id] = keyword;
        }

        return new RuleBook(
            directory,
            [.. announcementRules],
            byCompany.ToDictionary(kv => kv.Key, kv => Freeze(kv.Value), StringComparer.Ordinal),
            Freeze(anyCompany),
            KeywordAutomaton.Build(keywordList),
            [.. priceRules],
            bySymbol.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase),
            [.. anySymbol],
            resolver.Problems);
    }

    /// <summary>Announcement rules whose scope, categories and keywords the announcement meets; one match per rule.</summary>
    public IReadOnlyList<RuleMatch> Match(Announcement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        var companies = new List<Company>(announcement.Issuers.Count);
        foreach (var issuer in announcement.Issuers)
        {
            if (Directory.Resolve(issuer) is { } company && !companies.Exists(c => c.Id == company.Id))
            {
                companies.Add(company);
            }
        }

        var categories = announcement.Categories.Count == 0 ? OtherOnly : announcement.Categories;
        var matches = new List<RuleMatch>();
        var seen = new HashSet<int>();
        HashSet<int>? foundKeywords = null;

        void Consider(int[][] buckets, Company? company)
        {
            foreach (var category in categories)
            {
                Visit(buckets[(int)category], company);
            }

            Visit(buckets[WildcardCategory], company);
        }

        void Visit(int[] bucket, Company? company)
        {
            foreach (var index in bucket)
            {
                if (!seen.Add(index))
                {
                    continue;
                }

                var compiled = _announcementRules[index];
                if (compiled.HasKeywords)
                {
                    foundKeywords ??= FindKeywords(announcement.Title);
                    if (!compiled.KeywordsPass(foundKeywords))
                    {
                        continue;
                    }
                }

                matches.Add(new RuleMatch(compiled.Rule, company?.Id ?? "*", company));
            }
        }

        foreach (var company in companies)
        {
            if (_byCompany.TryGetValue(company.Id, out var buckets))
            {
                Consider(buckets, company);
            }
        }

        Consider(_anyCompany, companies.Count > 0 ? companies[0] : null);
        return matches;
    }

    /// <summary>Price rules watching this symbol; their conditions depend on rule state and are decided by <see cref="RuleFiring"/>.</summary>
    public IReadOnlyList<RuleMatch> Match(PriceTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var company = Directory.BySymbol(tick.Symbol);
        var matches = new List<RuleMatch>();
        if (_bySymbol.TryGetValue(tick.Symbol, out var indexes))
        {
            foreach (var index in indexes)
            {
                matches.Add(new RuleMatch(_priceRules[index], tick.Symbol, company));
            }
        }

        foreach (var index in _anySymbol)
        {
            matches.Add(new RuleMatch(_priceRules[index], tick.Symbol, company));
        }

        return matches;
    }

    public IReadOnlyList<RuleMatch> Match(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        return marketEvent.Kind == MarketEventKind.Announcement ? Match(marketEvent.Announcement!) : Match(marketEvent.Tick!);
    }

    private HashSet<int> FindKeywords(string title)
    {
        var found = new HashSet<int>();
        _keywords.FindAll(TextNormalizer.Fold(title), found);
        return found;
    }

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

    private static int[][] Freeze(List<int>[] buckets) => [.. buckets.Select(b => b.Count == 0 ? [] : b.ToArray())];

    private sealed record CompiledAnnouncementRule(AnnouncementRule Rule, int[] Any, int[] None)
    {
        public bool HasKeywords => Any.Length > 0 || None.Length > 0;

        public bool KeywordsPass(HashSet<int> found) =>
            (Any.Length == 0 || Array.Exists(Any, found.Contains)) && !Array.Exists(None, found.Contains);
    }
}
