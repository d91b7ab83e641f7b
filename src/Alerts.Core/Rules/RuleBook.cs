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
public sealed partial class RuleBook
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
    private readonly Dictionary<string, (int Rule, Company Company)[]> _spreadBySymbol;
    private readonly HashSet<string>? _historySymbols; // null: a market rule watches every symbol

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
        Dictionary<string, (int Rule, Company Company)[]> spreadBySymbol,
        HashSet<string>? historySymbols,
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
        _spreadBySymbol = spreadBySymbol;
        _historySymbols = historySymbols;
        Problems = problems;
    }

    public CompanyDirectory Directory { get; }

    /// <summary>Why some rules cannot match (unknown companies, missing watchlists). Such rules are skipped, not fatal.</summary>
    public IReadOnlyList<string> Problems { get; }

    public int Count => _announcementRules.Length + _priceRules.Length;

    public static RuleBook Empty { get; } = Build([], [], CompanyDirectory.Empty);


    /// <summary>Announcement rules whose scope, categories and keywords the announcement meets; one match per rule.</summary>
    public IReadOnlyList<RuleMatch> Match(Announcement announcement)
    {
        var matches = new List<RuleMatch>();
        Match(announcement, matches);
        return matches;
    }

    /// <summary>
    /// Appends the announcement's matches to <paramref name="matches"/> and returns how many: a caller that matches many events
    /// reuses one buffer (clearing it between events), so matching allocates nothing per rule matched.
    /// </summary>
    public int Match(Announcement announcement, List<RuleMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        ArgumentNullException.ThrowIfNull(matches);
        var scratch = t_scratch ??= new Scratch();
        var companies = scratch.Companies;
        companies.Clear();
        foreach (var issuer in announcement.Issuers)
        {
            if (Directory.Resolve(issuer) is { } company && !HasCompany(companies, company.Id))
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

        // Size the buffer once: the buckets about to be visited bound it (keyword-indexed market-wide rules aside).
        var indexed = scratch.Indexed;
        indexed.Clear();
        var capacity = Candidates(_anyCompany, categoryMask);
        foreach (var company in companies)
        {
            if (_byCompany.TryGetValue(company.Id, out var buckets))
            {
                indexed.Add((company, buckets));
                capacity += Candidates(buckets, categoryMask);
            }
        }

        matches.EnsureCapacity(matches.Count + capacity);
        var before = matches.Count;

        // A rule can be met twice only through a second company or a second category (the every-category bucket and the
        // keyword-indexed market-wide rules are disjoint from the rest); otherwise the visited-check is skipped.
        var mayRepeat = indexed.Count > 1 || (categoryMask & (categoryMask - 1)) != 0;
        var anyCompany = companies.Count > 0 ? companies[0] : null;
        var scan = new Scan(this, scratch, announcement.MatchText(), categoryMask, matches, mayRepeat);
        foreach (var (company, buckets) in indexed)
        {
            scan.Visit(buckets, company);
        }

        indexed.Clear(); // the scratch lists must not keep a book's buckets or companies alive
        companies.Clear();
        scan.Visit(_anyCompany, anyCompany);
        scan.VisitKeywordIndexed(_anyCompanyByKeyword, anyCompany);
        return matches.Count - before;
    }

    /// <summary>Price rules watching this symbol; their conditions depend on rule state and are decided by <see cref="RuleFiring"/>.</summary>
    public IReadOnlyList<RuleMatch> Match(PriceTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var company = Directory.BySymbol(tick.Symbol);
        var indexes = _bySymbol.GetValueOrDefault(tick.Symbol) ?? [];
        var spreads = _spreadBySymbol.Count == 0 ? [] : _spreadBySymbol.GetValueOrDefault(tick.Symbol) ?? [];
        var matches = new List<RuleMatch>(indexes.Length + _anySymbol.Length + spreads.Length);
        foreach (var (index, spreadCompany) in spreads)
        {
            matches.Add(new RuleMatch(_priceRules[index], spreadCompany.Id, spreadCompany));
        }

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

    /// <summary>Whether a market rule reads this symbol's history, so its ticks must be kept (see <see cref="Market.MarketHistoryService"/>).</summary>
    public bool KeepsHistoryOf(string symbol) => _historySymbols is null || _historySymbols.Contains(symbol);

    /// <summary>The symbols whose histories deciding this match reads: the tick's own, and for a listing spread both legs and the rate.</summary>
    public static IEnumerable<string> HistoriesFor(RuleMatch match, PriceTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        return match.Rule is ListingSpreadRule spread && match.Company is { } company && SpreadLegs.Resolve(spread, company) is { } legs
            ? legs.Symbols
            : match.Rule is IMarketRule ? [tick.Symbol] : [];
    }

    public IReadOnlyList<RuleMatch> Match(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        return marketEvent.Kind == MarketEventKind.Announcement ? Match(marketEvent.Announcement!) : Match(marketEvent.Tick!);
    }

    /// <summary>Appends the event's matches to <paramref name="matches"/> and returns how many (announcements allocate nothing per match).</summary>
    public int Match(MarketEvent marketEvent, List<RuleMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        ArgumentNullException.ThrowIfNull(matches);
        if (marketEvent.Kind == MarketEventKind.Announcement)
        {
            return Match(marketEvent.Announcement!, matches);
        }

        var tickMatches = Match(marketEvent.Tick!);
        matches.AddRange(tickMatches);
        return tickMatches.Count;
    }

    private static bool HasCompany(List<Company> companies, string id)
    {
        foreach (var company in companies)
        {
            if (company.Id == id)
            {
                return true;
            }
        }

        return false;
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
}
