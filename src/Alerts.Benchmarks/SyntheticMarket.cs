using System.Globalization;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Benchmarks;

/// <summary>
/// A seeded, synthetic but plausible market: a few thousand HK and mainland companies, tenants with watchlists that favour
/// popular names, a mix of announcement and price rules, and announcements whose titles mix English and Chinese terms.
/// </summary>
internal sealed partial class SyntheticMarket
{
    private static readonly string[] EnglishTerms =
    [
        "listing", "application proof", "prospectus", "results", "interim", "annual", "profit warning", "trading halt", "resumption",
        "placing", "rights issue", "connected transaction", "dividend", "share buy-back", "ipo", "h share", "star market", "spin-off",
        "acquisition", "disposal", "major transaction", "board meeting", "ai", "semiconductor", "lapse", "withdrawal", "inside information",
        "change of auditor", "convertible bonds", "general mandate", "monthly return", "circular", "poll results", "hearing", "approval",
    ];

    private static readonly string[] ChineseTerms =
    [
        "上市", "科创板", "招股说明书", "辅导", "问询", "注册", "终止", "业绩预告", "年度报告", "半年度报告", "停牌", "复牌", "配售",
        "供股", "关连交易", "股息", "回购", "人工智能", "半导体", "收购", "出售", "重大交易", "董事会", "内幕消息", "可转换债券",
        "发行", "H股", "审议", "批准", "撤回", "聆讯", "战略配售", "分拆", "募集资金", "权益变动",
    ];

    private static readonly string Hanzi = "智谱华章科技股份有限公司北京上海深圳香港中国新能源医药生物电子信息半导体智能云网络金融证券银行保险控股集团";

    private readonly Random _random;

    /// <summary>Companies and the directory only; <see cref="GenerateRules"/> adds tenants' watchlists and rules.</summary>
    public SyntheticMarket(int seed, int companyCount)
    {
        _random = new Random(seed);
        Companies = [.. Enumerable.Range(0, companyCount).Select(NewCompany)];
        Directory = new CompanyDirectory(Companies);

        // Product and project names users add as keywords: mostly rare words, which keeps the automaton honest.
        Vocabulary = [.. EnglishTerms, .. ChineseTerms, .. Enumerable.Range(0, 400).Select(i => "project " + Word(5, 9)), .. Enumerable.Range(0, 200).Select(_ => ChineseWord(2, 4))];
    }

    public List<Company> Companies { get; }

    public CompanyDirectory Directory { get; }

    public string[] Vocabulary { get; }

    public List<Watchlist> Watchlists { get; private set; } = [];

    public Dictionary<string, string[]> WatchlistsByTenant { get; private set; } = [];

    public List<Rule> Rules { get; private set; } = [];

    /// <summary>About fifty rules per tenant, each tenant with one to three watchlists of 5-40 entries.</summary>
    public void GenerateRules(int ruleCount)
    {
        var tenants = Math.Max(1, ruleCount / 50);
        Watchlists = [.. Enumerable.Range(0, tenants).SelectMany(t => Enumerable.Range(0, 1 + _random.Next(3)).Select(w => NewWatchlist(t, w)))];
        WatchlistsByTenant = Watchlists.GroupBy(w => w.TenantId).ToDictionary(g => g.Key, g => g.Select(w => w.Id).ToArray());
        Rules = [.. Enumerable.Range(0, ruleCount).Select(i => NewRule(i, "t" + (i % tenants).ToString(CultureInfo.InvariantCulture)))];
    }

    public string Describe()
    {
        var announcement = Rules.OfType<AnnouncementRule>().ToList();
        string Share(int count) => (100.0 * count / Rules.Count).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return $"{Companies.Count} companies, {WatchlistsByTenant.Count} tenants, {Watchlists.Count} watchlists (avg {Watchlists.Average(w => w.Entries.Count):0.0} entries); "
            + $"{Rules.Count} rules: announcement {Share(announcement.Count)} (watchlist {Share(announcement.Count(r => r.Companies.Watchlist is not null))}, "
            + $"explicit {Share(announcement.Count(r => r.Companies.Companies.Count > 0))}, any {Share(announcement.Count(r => r.Companies.Any))}; "
            + $"with categories {Share(announcement.Count(r => r.Categories.Count > 0))}, keywords-any {Share(announcement.Count(r => r.KeywordsAny.Count > 0))}, "
            + $"keywords-none {Share(announcement.Count(r => r.KeywordsNone.Count > 0))}), "
            + $"price move {Share(Rules.Count(r => r is PriceMoveRule))}, price level {Share(Rules.Count(r => r is PriceLevelRule))}, "
            + $"new high/low {Share(Rules.Count(r => r is NewHighLowRule))}, window move {Share(Rules.Count(r => r is WindowMoveRule))}, "
            + $"listing spread {Share(Rules.Count(r => r is ListingSpreadRule))}, volume spike {Share(Rules.Count(r => r is VolumeSpikeRule))}";
    }

    /// <summary>Announcements as the feeds deliver them: most by one listed issuer, some joint, some by applicants known only by name.</summary>
    public List<Announcement> Announcements(int count)
    {
        var list = new List<Announcement>(count);
        for (var i = 0; i < count; i++)
        {
            var issuers = new List<IssuerRef>();
            var kind = _random.Next(100);
            if (kind < 15)
            {
                issuers.Add(new IssuerRef(SymbolFormat.Sse, null, ChineseWord(4, 6) + "科技股份有限公司"));
            }
            else
            {
                issuers.Add(IssuerOf(Companies[_random.Next(Companies.Count)]));
                if (kind < 22)
                {
                    issuers.Add(IssuerOf(Companies[_random.Next(Companies.Count)]));
                }
            }

            var words = Enumerable.Range(0, 3 + _random.Next(6)).Select(_ => _random.Next(3) == 0 ? Vocabulary[_random.Next(Vocabulary.Length)] : Filler());
            var chinese = _random.Next(2) == 0;
            var title = string.Join(chinese ? "" : " ", words);
            AnnouncementCategory[] categories = _random.Next(10) switch
            {
                0 => [],
                1 => [RandomCategory(), RandomCategory()],
                _ => [RandomCategory()],
            };
            var id = i.ToString(CultureInfo.InvariantCulture);
            list.Add(Announcement.Create(
                "hkex", id, issuers, title, chinese ? "zh" : "en", categories, "raw", null,
                new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero).AddSeconds(i)));
        }

        return list;
    }

    public List<PriceTick> Ticks(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var listing = Companies[_random.Next(Companies.Count)].Listings[0];
            return new PriceTick(listing.Symbol, 10m + _random.Next(1000), 10m + _random.Next(1000), 1000, new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero).AddSeconds(i), listing.Currency, "quotes");
        })];

    private Company NewCompany(int i)
    {
        var exchange = _random.Next(10) switch
        {
            < 6 => SymbolFormat.Hkex,
            < 9 => SymbolFormat.Sse,
            _ => SymbolFormat.Szse,
        };
        var code = exchange switch
        {
            SymbolFormat.Hkex => (i + 1).ToString("D5", CultureInfo.InvariantCulture),
            SymbolFormat.Sse => (600000 + i).ToString(CultureInfo.InvariantCulture),
            _ => (300000 + i).ToString(CultureInfo.InvariantCulture),
        };
        var english = char.ToUpperInvariant(Word(4, 8)[0]) + Word(3, 7) + " " + (_random.Next(2) == 0 ? "Holdings" : "Technology");
        var shortName = ChineseWord(2, 4);
        var listing = new Listing(exchange, code, SymbolFormat.FromExchangeCode(exchange, code), exchange == SymbolFormat.Hkex ? "HKD" : "CNY");
        return new Company(
            "co" + i.ToString(CultureInfo.InvariantCulture),
            [english, shortName, shortName + ChineseWord(2, 3) + "股份有限公司"],
            exchange == SymbolFormat.Hkex && i % 10 == 0 ? [listing, SecondListing(i)] : [listing]);
    }

    /// <summary>Users watch popular names far more often than the long tail: index skewed towards the front.</summary>
    private Company PopularCompany() => Companies[(int)(Companies.Count * Math.Pow(_random.NextDouble(), 2.5))];

    private string EntryFor(Company company) => _random.Next(4) switch
    {
        0 => company.Names[0],
        1 => company.Names[1],
        2 => company.Listings[0].Symbol,
        _ => company.Listings[0].Code,
    };

    private Watchlist NewWatchlist(int tenant, int index)
    {
        var entries = Enumerable.Range(0, 5 + _random.Next(36)).Select(_ => EntryFor(PopularCompany())).ToList();
        return new Watchlist("t" + tenant.ToString(CultureInfo.InvariantCulture), "wl" + index.ToString(CultureInfo.InvariantCulture), "watchlist", entries);
    }

    private Rule NewRule(int i, string tenant)
    {
        var id = "r" + i.ToString("D6", CultureInfo.InvariantCulture);
        var kind = _random.Next(100);
        var frequency = _random.Next(4) switch
        {
            0 => Frequency.Once,
            1 => Frequency.OncePerTradingDay,
            2 => Frequency.Every(TimeSpan.FromMinutes(30)),
            _ => Frequency.EveryTime,
        };
        if (kind < 15)
        {
            return new PriceMoveRule
            {
                TenantId = tenant, Id = id, Name = "move " + id, Companies = PriceScope(tenant), Frequency = frequency,
                ThresholdPercent = 2 + _random.Next(9), Direction = (MoveDirection)_random.Next(3),
            };
        }

        if (kind >= 25 && kind < 31)
        {
            return NewMarketRule(id, tenant, frequency, kind - 25);
        }

        if (kind < 25)
        {
            return new PriceLevelRule
            {
                TenantId = tenant, Id = id, Name = "level " + id, Companies = PriceScope(tenant), Frequency = frequency,
                Level = 10 + _random.Next(500), Direction = (CrossDirection)_random.Next(2),
            };
        }

        var scopeRoll = _random.Next(100);
        var scope = scopeRoll switch
        {
            < 50 => CompanyScope.OfWatchlist(WatchlistOf(tenant)),
            < 95 => CompanyScope.Of([.. Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => EntryFor(PopularCompany()))]),
            _ => CompanyScope.AnyCompany,
        };

        // Market-wide rules are filtered (nobody wants every filing of every issuer): always by category, mostly by keyword.
        var anyScope = scope.Any;
        return new AnnouncementRule
        {
            TenantId = tenant,
            Id = id,
            Name = "announcements " + id,
            Companies = scope,
            Frequency = frequency,
            Categories = [.. Enumerable.Range(0, anyScope ? 1 + _random.Next(2) : _random.Next(5) < 2 ? 0 : 1 + _random.Next(3)).Select(_ => RandomCategory()).Distinct()],
            KeywordsAny = [.. Enumerable.Range(0, anyScope ? (_random.Next(10) < 7 ? 1 + _random.Next(3) : 0) : (_random.Next(10) < 3 ? 1 + _random.Next(3) : 0)).Select(_ => Keyword())],
            KeywordsNone = [.. Enumerable.Range(0, _random.Next(100) < 15 ? 1 + _random.Next(2) : 0).Select(_ => Keyword())],
        };
    }

    private CompanyScope PriceScope(string tenant) => _random.Next(10) < 4
        ? CompanyScope.OfWatchlist(WatchlistOf(tenant))
        : CompanyScope.Of(EntryFor(PopularCompany()));

    private string WatchlistOf(string tenant) =>
        WatchlistsByTenant.TryGetValue(tenant, out var ids) ? ids[_random.Next(ids.Length)] : "wl0";

    /// <summary>Keywords as users type them: sometimes upper case or full width.</summary>
    private string Keyword()
    {
        var keyword = Vocabulary[_random.Next(Vocabulary.Length)];
        return _random.Next(10) switch
        {
            0 => keyword.ToUpperInvariant(),
            1 => new string([.. keyword.Select(c => c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'Ａ') : c)]),
            _ => keyword,
        };
    }

    private IssuerRef IssuerOf(Company company)
    {
        var listing = company.Listings[0];
        return _random.Next(10) switch
        {
            0 => new IssuerRef(listing.Exchange, null, company.Names[2]),
            1 when listing.Exchange == SymbolFormat.Hkex => new IssuerRef(listing.Exchange, listing.Code.TrimStart('0'), company.Names[0]),
            _ => new IssuerRef(listing.Exchange, listing.Code, company.Names[0]),
        };
    }

    private string Filler() => _random.Next(2) == 0 ? Word(3, 9) : ChineseWord(2, 4);

    private AnnouncementCategory RandomCategory() => (AnnouncementCategory)_random.Next(8);

    private string Word(int min, int max) => new([.. Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => (char)('a' + _random.Next(26)))]);

    private string ChineseWord(int min, int max) => new([.. Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => Hanzi[_random.Next(Hanzi.Length)])]);
}
