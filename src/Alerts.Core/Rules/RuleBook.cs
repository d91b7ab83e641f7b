using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Text;

namespace Alerts.Core.Rules;

/// <summary>
/// An immutable, indexed snapshot of every enabled rule. Announcement rules are indexed by company and category, price rules
/// by symbol, and all keywords share one <see cref="KeywordAutomaton"/>, so matching an event touches only the rules that
/// could apply to it instead of scanning them all. Market-wide rules that need a keyword are indexed by that keyword, so they
/// are visited only when the title contains it.
/// </summary>
/// <remarks>
/// Matching is single-pass and allocation-light: per-thread generation stamps (one int per rule and per keyword) replace the
/// "seen" and "found" sets, so nothing is cleared or hashed per event. A book is immutable and safe to share across threads.
/// </remarks>
public sealed class RuleBook
{
    private static readonly int CategoryCount = Enum.GetValues<AnnouncementCategory>().Max(c => (int)c) + 1;
    private static readonly int WildcardCategory = CategoryCount; // the bucket of rules that take every category
    private static readonly AnnouncementCategory[] OtherOnly = [AnnouncementCategory.Other];

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly IndexedRule[] _announcementRules;
    private readonly int[] _ruleKeywords; // per rule at its KeywordStart: its "any" keyword ids, then its "none" ones
    private readonly Dictionary<string, Bucket[]> _byCompany;
    private readonly Bucket[] _anyCompany;
    private readonly int[][] _anyCompanyByKeyword;
    private readonly KeywordAutomaton _keywords;
    private readonly int _keywordCount;
    private readonly bool _hasKeywordIndexedRules;
    private readonly Rule[] _priceRules;
    private readonly Dictionary<string, int[]> _bySymbol;
    private readonly int[] _anySymbol;

    private RuleBook(
        CompanyDirectory directory,
        IndexedRule[] announcementRules,
        int[] ruleKeywords,
        Dictionary<string, Bucket[]> byCompany,
        Bucket[] anyCompany,
        int[][] anyCompanyByKeyword,
        KeywordAutomaton keywords,
        Rule[] priceRules,
        Dictionary<string, int[]> bySymbol,
        int[] anySymbol,
        IReadOnlyList<string> problems)
    {
        Directory = directory;
        _announcementRules = announcementRules;
        _ruleKeywords = ruleKeywords;
        _byCompany = byCompany;
        _anyCompany = anyCompany;
        _anyCompanyByKeyword = anyCompanyByKeyword;
        _keywords = keywords;
        _keywordCount = anyCompanyByKeyword.Length;
        _hasKeywordIndexedRules = Array.Exists(anyCompanyByKeyword, rules => rules.Length > 0);
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

        foreach (var (rule, companies) in priceScopes)
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
        var categoryMask = 0;
        foreach (var category in categories)
        {
            if ((uint)category < (uint)CategoryCount)
            {
                categoryMask |= 1 << (int)category;
            }
        }

        // Size the result once: the buckets about to be visited bound it (keyword-indexed market-wide rules aside).
        var indexed = new List<(Company Company, Bucket[] Buckets)>(companies.Count);
        var capacity = Candidates(_anyCompany, categoryMask);
        foreach (var company in companies)
        {
            if (_byCompany.TryGetValue(company.Id, out var buckets))
            {
                indexed.Add((company, buckets));
                capacity += Candidates(buckets, categoryMask);
            }
        }

        // A rule can be met twice only through a second company or a second category (the every-category bucket and the
        // keyword-indexed market-wide rules are disjoint from the rest); otherwise the visited-check is skipped.
        var mayRepeat = indexed.Count > 1 || (categoryMask & (categoryMask - 1)) != 0;
        var scan = new Scan(this, announcement.Title, categoryMask, capacity, mayRepeat);
        foreach (var (company, buckets) in indexed)
        {
            scan.Visit(buckets, company);
        }

        var anyCompany = companies.Count > 0 ? companies[0] : null;
        scan.Visit(_anyCompany, anyCompany);
        scan.VisitKeywordIndexed(_anyCompanyByKeyword, anyCompany);
        return scan.Matches;
    }

    /// <summary>Price rules watching this symbol; their conditions depend on rule state and are decided by <see cref="RuleFiring"/>.</summary>
    public IReadOnlyList<RuleMatch> Match(PriceTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var company = Directory.BySymbol(tick.Symbol);
        var indexes = _bySymbol.GetValueOrDefault(tick.Symbol) ?? [];
        var matches = new List<RuleMatch>(indexes.Length + _anySymbol.Length);
        foreach (var index in indexes)
        {
            matches.Add(new RuleMatch(_priceRules[index], tick.Symbol, company));
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

    private static int Candidates(Bucket[] buckets, int categoryMask)
    {
        var count = buckets[WildcardCategory].Count;
        for (var category = 0; category < CategoryCount; category++)
        {
            if ((categoryMask & (1 << category)) != 0)
            {
                count += buckets[category].Count;
            }
        }

        return count;
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

    /// <summary>One announcement's pass over the index: which rules were already visited, which keywords the title holds.</summary>
    private struct Scan
    {
        private readonly RuleBook _book;
        private readonly string _title;
        private readonly int _categoryMask;
        private readonly Scratch _scratch;
        private readonly int _stamp;
        private readonly bool _mayRepeat;
        private bool _keywordsFound;

        public Scan(RuleBook book, string title, int categoryMask, int capacity, bool mayRepeat)
        {
            _mayRepeat = mayRepeat;
            _book = book;
            _title = title;
            _categoryMask = categoryMask;
            _scratch = t_scratch ??= new Scratch();
            _stamp = _scratch.Begin(book._announcementRules.Length, book._keywordCount);
            Matches = new List<RuleMatch>(capacity);
        }

        public List<RuleMatch> Matches { get; }

        /// <summary>A company's (or the market-wide) buckets: those of the announcement's categories, then the every-category one.</summary>
        public void Visit(Bucket[] buckets, Company? company)
        {
            for (var category = 0; category < CategoryCount; category++)
            {
                if ((_categoryMask & (1 << category)) != 0)
                {
                    Visit(buckets[category], company);
                }
            }

            Visit(buckets[WildcardCategory], company);
        }

        /// <summary>Market-wide rules reachable through a keyword the title contains; their categories are checked here.</summary>
        public void VisitKeywordIndexed(int[][] byKeyword, Company? company)
        {
            if (!_book._hasKeywordIndexedRules)
            {
                return;
            }

            var found = FoundKeywords();
            for (var i = 0; i < found.Count; i++)
            {
                var rules = byKeyword[found[i]];
                foreach (var index in rules)
                {
                    if (!FirstVisit(index))
                    {
                        continue;
                    }

                    ref readonly var rule = ref _book._announcementRules[index];
                    if ((rule.CategoryMask == 0 || (rule.CategoryMask & _categoryMask) != 0) && NoneAbsent(rule))
                    {
                        Matches.Add(new RuleMatch(rule.Rule, company?.Id ?? "*", company));
                    }
                }
            }
        }

        private void Visit(in Bucket bucket, Company? company)
        {
            var subject = company?.Id ?? "*";
            if (_mayRepeat)
            {
                var plain = bucket.Plain;
                for (var i = 0; i < plain.Length; i++)
                {
                    if (FirstVisit(plain[i]))
                    {
                        Matches.Add(new RuleMatch(bucket.PlainRules[i], subject, company));
                    }
                }
            }
            else
            {
                foreach (var rule in bucket.PlainRules)
                {
                    Matches.Add(new RuleMatch(rule, subject, company));
                }
            }

            var rules = _book._announcementRules;
            foreach (var index in bucket.Filtered)
            {
                if (_mayRepeat && !FirstVisit(index))
                {
                    continue;
                }

                ref readonly var rule = ref rules[index];
                if (AnyPresent(rule) && NoneAbsent(rule))
                {
                    Matches.Add(new RuleMatch(rule.Rule, subject, company));
                }
            }
        }

        private readonly bool FirstVisit(int index)
        {
            ref var seen = ref _scratch.Rules[index];
            if (seen == _stamp)
            {
                return false;
            }

            seen = _stamp;
            return true;
        }

        private bool AnyPresent(in IndexedRule rule)
        {
            if (rule.AnyCount == 0)
            {
                return true;
            }

            FoundKeywords();
            foreach (var id in _book._ruleKeywords.AsSpan(rule.KeywordStart, rule.AnyCount))
            {
                if (_scratch.Keywords[id] == _stamp)
                {
                    return true;
                }
            }

            return false;
        }

        private bool NoneAbsent(in IndexedRule rule)
        {
            if (rule.NoneCount == 0)
            {
                return true;
            }

            FoundKeywords();
            foreach (var id in _book._ruleKeywords.AsSpan(rule.KeywordStart + rule.AnyCount, rule.NoneCount))
            {
                if (_scratch.Keywords[id] == _stamp)
                {
                    return false;
                }
            }

            return true;
        }

        private List<int> FoundKeywords()
        {
            if (!_keywordsFound)
            {
                _keywordsFound = true;
                _book._keywords.FindAll(TextNormalizer.Fold(_title), _scratch.Keywords, _stamp, _scratch.Found);
            }

            return _scratch.Found;
        }
    }

    /// <summary>Per-thread generation stamps: slot == current stamp means "seen in this pass", so nothing is ever cleared.</summary>
    private sealed class Scratch
    {
        private int _stamp;

        public int[] Rules { get; private set; } = [];

        public int[] Keywords { get; private set; } = [];

        public List<int> Found { get; } = [];

        public int Begin(int rules, int keywords)
        {
            if (Rules.Length < rules)
            {
                Rules = new int[rules];
            }

            if (Keywords.Length < keywords)
            {
                Keywords = new int[keywords];
            }

            if (_stamp == int.MaxValue)
            {
                Array.Clear(Rules);
                Array.Clear(Keywords);
                _stamp = 0;
            }

            Found.Clear();
            return ++_stamp;
        }
    }

    /// <summary>
    /// The rules of one company (or of the market-wide scope) and one category. Rules without keywords match on sight, so the
    /// bucket holds them by reference, read in one sequential sweep; rules with keywords are checked through the rule table.
    /// </summary>
    private readonly struct Bucket(int[] plain, AnnouncementRule[] plainRules, int[] filtered)
    {
        /// <summary>Indexes of the rules without keywords (needed only to tell repeats apart), in step with <see cref="PlainRules"/>.</summary>
        public int[] Plain { get; } = plain;

        public AnnouncementRule[] PlainRules { get; } = plainRules;

        public int[] Filtered { get; } = filtered;

        public int Count => Plain.Length + Filtered.Length;

        public static Bucket Of(List<int> indexes, List<IndexedRule> rules)
        {
            if (indexes.Count == 0)
            {
                return new Bucket([], [], []);
            }

            var plain = indexes.Where(i => !rules[i].HasKeywords).ToArray();
            return new Bucket(plain, [.. plain.Select(i => rules[i].Rule)], [.. indexes.Where(i => rules[i].HasKeywords)]);
        }
    }

    /// <summary>
    /// Everything a visit reads, side by side in one array slot: the rule, where its keyword ids start in the shared keyword
    /// array, and its categories as bits (zero: every category).
    /// </summary>
    private readonly record struct IndexedRule(AnnouncementRule Rule, int KeywordStart, int AnyCount, int NoneCount, int CategoryMask)
    {
        public bool HasKeywords => AnyCount + NoneCount > 0;
    }
}
