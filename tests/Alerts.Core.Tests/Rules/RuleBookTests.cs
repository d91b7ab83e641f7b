using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Rules;

public sealed class RuleBookTests
{
    private static readonly Watchlist AiWatchlist = new(Tenant, "ai", "AI names", ["Zhipu", "0700.HK"]);

    private static readonly IssuerRef ZhipuOnHkex = new(SymbolFormat.Hkex, "02513", "KNOWLEDGE ATLAS");
    private static readonly IssuerRef ZhipuOnSse = new(SymbolFormat.Sse, null, "北京智谱华章科技股份有限公司");

    private static RuleBook BookWithWatchlists(params Rule[] rules) => RuleBook.Build(rules, [AiWatchlist], Known);

    private static List<string> Matched(RuleBook book, Announcement announcement) => [.. book.Match(announcement).Select(m => m.Rule.Id).Order(StringComparer.Ordinal)];

    public static TheoryData<string, IssuerRef> ZhipuIssuers => new()
    {
        { "HKEX code, zero padded", ZhipuOnHkex },
        { "HKEX code without padding", new IssuerRef("HKEX", "2513", null) },
        { "exchange name in lower case", new IssuerRef("hkex", "02513", null) },
        { "SSE filing by Chinese legal name, no code yet", ZhipuOnSse },
        { "name only, full-width Latin", new IssuerRef("HKEX", null, "ＫＮＯＷＬＥＤＧＥ ＡＴＬＡＳ") },
    };

    [Theory]
    [MemberData(nameof(ZhipuIssuers))]
    public void A_watchlist_entry_matches_every_way_sources_name_the_company(string because, IssuerRef issuer)
    {
        var book = BookWithWatchlists(AnnouncementRule("r1", CompanyScope.OfWatchlist("ai")));

        var matches = book.Match(Announcement("x1", "Announcement", [issuer]));

        Assert.True(matches.Count == 1, because);
        Assert.Equal("zhipu", matches[0].Subject);
        Assert.Same(Zhipu, matches[0].Company);
    }

    [Fact]
    public void A_watchlist_does_not_match_companies_outside_it()
    {
        var book = BookWithWatchlists(AnnouncementRule("r1", CompanyScope.OfWatchlist("ai")));

        Assert.Empty(book.Match(Announcement("x1", "Results", [new IssuerRef("SSE", "688256", null)])));
        Assert.Single(book.Match(Announcement("x2", "Results", [Hkex("700")])));
    }

    [Theory]
    [InlineData("688256", "SSE", "688256", null, true)]
    [InlineData("Cambricon", "SSE", null, "中科寒武纪科技股份有限公司", true)]
    [InlineData("寒武纪", "SSE", "688256", null, true)]
    [InlineData("688256.SS", "SSE", "688256", null, true)]
    [InlineData("cambricon", "SZSE", "000001", null, false)]
    [InlineData("平安银行", "SZSE", "000001", null, true)]
    public void Explicit_companies_match_by_id_name_code_or_symbol(string entry, string exchange, string? code, string? name, bool matches)
    {
        var book = Book(AnnouncementRule("r1", CompanyScope.Of(entry)));

        Assert.Equal(matches, book.Match(Announcement("x1", "Announcement", [new IssuerRef(exchange, code, name)])).Count == 1);
    }

    [Fact]
    public void Any_scope_matches_issuers_no_company_in_the_directory_knows()
    {
        var book = Book(AnnouncementRule("r1", CompanyScope.AnyCompany));

        var unknown = Assert.Single(book.Match(Announcement("x1", "New listing", [new IssuerRef("HKEX", "09999", "Unknown Co")])));
        var known = Assert.Single(book.Match(Announcement("x2", "New listing", [ZhipuOnHkex])));

        Assert.Equal("*", unknown.Subject);
        Assert.Null(unknown.Company);
        Assert.Equal("zhipu", known.Subject);
    }

    public static TheoryData<AnnouncementCategory[], AnnouncementCategory[], bool> CategoryCases => new()
    {
        { [], [AnnouncementCategory.Results], true },
        { [], [], true },
        { [AnnouncementCategory.Prospectus], [AnnouncementCategory.Prospectus], true },
        { [AnnouncementCategory.Prospectus], [AnnouncementCategory.ListingApplication, AnnouncementCategory.Prospectus], true },
        { [AnnouncementCategory.Prospectus, AnnouncementCategory.TradingHalt], [AnnouncementCategory.TradingHalt], true },
        { [AnnouncementCategory.Prospectus], [AnnouncementCategory.Results], false },
        { [AnnouncementCategory.Other], [], true },
        { [AnnouncementCategory.Results], [], false },
    };

    [Theory]
    [MemberData(nameof(CategoryCases))]
    public void Categories_filter_announcements_and_an_empty_list_means_all(AnnouncementCategory[] ruleCategories, AnnouncementCategory[] announced, bool matches)
    {
        var book = Book(AnnouncementRule("r1", categories: ruleCategories), AnnouncementRule("r2", CompanyScope.AnyCompany, categories: ruleCategories));

        var matched = Matched(book, Announcement("x1", "Announcement", [ZhipuOnHkex], announced));

        Assert.Equal(matches ? ["r1", "r2"] : [], matched);
    }

    [Theory]
    [InlineData("star", "", "ＳＴＡＲ Market listing", true)]
    [InlineData("STAR", "", "star market", true)]
    [InlineData("Star  Market", "", "Listing on the STAR\u3000market", true)]
    [InlineData("科创板", "", "关于首次公开发行股票并在科创板上市的公告", true)]
    [InlineData("ｈ股", "", "发行H股", true)]
    [InlineData("prospectus", "", "Annual results", false)]
    [InlineData("prospectus|listing", "", "Listing document", true)]
    [InlineData("", "withdraw", "Withdrawal of listing application", false)]
    [InlineData("", "withdraw", "Listing application", true)]
    [InlineData("listing", "WITHDRAW", "Listing application withdrawn", false)]
    [InlineData("上市|listing", "终止", "终止上市", false)]
    [InlineData("上市|listing", "终止|lapse", "上市申请", true)]
    public void Keywords_any_and_none_match_regardless_of_case_and_width(string any, string none, string title, bool matches)
    {
        static string[] Split(string list) => list.Split('|', StringSplitOptions.RemoveEmptyEntries);
        var book = Book(
            AnnouncementRule("company", any: Split(any), none: Split(none)),
            AnnouncementRule("anyone", CompanyScope.AnyCompany, any: Split(any), none: Split(none)));

        var matched = Matched(book, Announcement("x1", title, [ZhipuOnHkex]));

        Assert.Equal(matches ? ["anyone", "company"] : [], matched);
    }

    [Fact]
    public void Blank_keywords_are_ignored()
    {
        var book = Book(
            AnnouncementRule("blank-any", any: [" "]),
            AnnouncementRule("blank-none", none: ["\u3000"]),
            AnnouncementRule("blank-and-real", any: ["", "results"]));

        Assert.Equal(["blank-and-real", "blank-any", "blank-none"], Matched(book, Announcement("x1", "Interim results", [ZhipuOnHkex])));
        Assert.Equal(["blank-any", "blank-none"], Matched(book, Announcement("x2", "Board meeting", [ZhipuOnHkex])));
    }

    [Fact]
    public void An_announcement_by_several_issuers_matches_each_rule_once()
    {
        var book = BookWithWatchlists(
            AnnouncementRule("watchlist", CompanyScope.OfWatchlist("ai")),
            AnnouncementRule("tencent", CompanyScope.Of("Tencent Holdings")),
            AnnouncementRule("both", CompanyScope.Of("tencent", "zhipu"), categories: [AnnouncementCategory.Results, AnnouncementCategory.Other]),
            AnnouncementRule("anyone", CompanyScope.AnyCompany));
        var joint = Announcement("x1", "Joint announcement", [Hkex("00700"), ZhipuOnHkex, ZhipuOnSse], [AnnouncementCategory.Results, AnnouncementCategory.Other]);

        var matches = book.Match(joint);

        Assert.Equal(["anyone", "both", "tencent", "watchlist"], matches.Select(m => m.Rule.Id).Order(StringComparer.Ordinal));
        Assert.Equal("tencent", matches.Single(m => m.Rule.Id == "tencent").Subject);
    }

    [Fact]
    public void Unknown_watchlists_and_companies_are_reported_and_do_not_stop_other_rules()
    {
        var book = BookWithWatchlists(
            AnnouncementRule("missing-watchlist", CompanyScope.OfWatchlist("nope")),
            AnnouncementRule("unknown-company", CompanyScope.Of("Nonexistent Ltd", "zhipu")),
            AnnouncementRule("other-tenants-watchlist", CompanyScope.OfWatchlist("ai"), tenant: "t2"),
            AnnouncementRule("fine", CompanyScope.OfWatchlist("ai")));

        var matched = Matched(book, Announcement("x1", "Announcement", [ZhipuOnHkex]));

        Assert.Equal(["fine", "unknown-company"], matched);
        Assert.Equal(3, book.Problems.Count);
        Assert.Contains(book.Problems, p => p.Contains("missing-watchlist", StringComparison.Ordinal) && p.Contains("'nope'", StringComparison.Ordinal));
        Assert.Contains(book.Problems, p => p.Contains("'Nonexistent Ltd'", StringComparison.Ordinal));
        Assert.Contains(book.Problems, p => p.Contains("other-tenants-watchlist", StringComparison.Ordinal));
    }

    [Fact]
    public void Disabled_rules_are_not_matched()
    {
        var book = Book(
            AnnouncementRule("off") with { Enabled = false },
            AnnouncementRule("on"),
            MoveRule("move-off", 5m) with { Enabled = false });

        Assert.Equal(["on"], Matched(book, Announcement("x1", "Announcement", [ZhipuOnHkex])));
        Assert.Empty(book.Match(Tick("2513.HK", 110m, 100m, Morning)));
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void Price_rules_match_the_listings_of_their_companies_and_any_scope_matches_every_symbol()
    {
        var book = RuleBook.Build(
            [
                MoveRule("zhipu-move", 5m),
                LevelRule("cambricon-level", 500m, company: "688256"),
                new PriceMoveRule { TenantId = Tenant, Id = "any-move", Name = "any", Companies = CompanyScope.AnyCompany, ThresholdPercent = 9m },
                new PriceLevelRule { TenantId = Tenant, Id = "ai-level", Name = "wl", Companies = CompanyScope.OfWatchlist("ai"), Level = 1m },
            ],
            [AiWatchlist],
            Known);

        static List<string> Ids(IReadOnlyList<RuleMatch> matches) => [.. matches.Select(m => m.Rule.Id).Order(StringComparer.Ordinal)];

        Assert.Equal(["ai-level", "any-move", "zhipu-move"], Ids(book.Match(Tick("2513.HK", 1m, 1m, Morning))));
        Assert.Equal(["ai-level", "any-move"], Ids(book.Match(Tick("0700.HK", 1m, 1m, Morning))));
        Assert.Equal(["any-move", "cambricon-level"], Ids(book.Match(Tick("688256.SS", 1m, 1m, Morning))));
        Assert.Equal(["any-move"], Ids(book.Match(Tick("9999.HK", 1m, 1m, Morning))));
        Assert.All(book.Match(Tick("2513.HK", 1m, 1m, Morning)), m => Assert.Equal("2513.HK", m.Subject));
    }

    [Fact]
    public void Announcement_rules_never_match_price_ticks_and_price_rules_never_match_announcements()
    {
        var book = Book(AnnouncementRule("announcement"), MoveRule("move", 5m));

        Assert.Equal(["announcement"], book.Match(MarketEvent.Of(Announcement("x1", "Announcement", [ZhipuOnHkex]))).Select(m => m.Rule.Id));
        Assert.Equal(["move"], book.Match(TickEvent("2513.HK", 1m, 1m, Morning)).Select(m => m.Rule.Id));
    }

    [Fact]
    public void A_market_wide_keyword_rule_matches_once_however_many_of_its_keywords_the_title_holds()
    {
        var book = Book(
            AnnouncementRule("ipo", CompanyScope.AnyCompany, any: ["IPO", "listing", "上市"], categories: [AnnouncementCategory.ListingApplication]),
            AnnouncementRule("no-halts", CompanyScope.AnyCompany, any: ["listing"], none: ["halt"]));

        Assert.Equal(["ipo", "no-halts"], Matched(book, Announcement("x1", "IPO listing 上市", [ZhipuOnHkex], [AnnouncementCategory.ListingApplication])));
        Assert.Equal(["no-halts"], Matched(book, Announcement("x2", "IPO listing", [ZhipuOnHkex], [AnnouncementCategory.Results])));
        Assert.Empty(Matched(book, Announcement("x3", "Listing trading halt", [ZhipuOnHkex], [AnnouncementCategory.Results])));
        Assert.Empty(Matched(book, Announcement("x4", "Results", [ZhipuOnHkex], [AnnouncementCategory.ListingApplication])));
    }

    [Fact]
    public void A_rule_with_an_unknown_category_is_skipped_and_reported_instead_of_breaking_the_book()
    {
        var book = Book(AnnouncementRule("bad", categories: [(AnnouncementCategory)42]), AnnouncementRule("good"));

        Assert.Equal(["good"], Matched(book, Announcement("x1", "Announcement", [ZhipuOnHkex])));
        Assert.Contains(book.Problems, p => p.Contains("rule bad", StringComparison.Ordinal));
    }

    [Fact]
    public void An_announcement_with_an_unknown_category_matches_only_rules_that_take_every_category()
    {
        var book = Book(AnnouncementRule("all"), AnnouncementRule("results", categories: [AnnouncementCategory.Results]));

        Assert.Equal(["all"], Matched(book, Announcement("x1", "Announcement", [ZhipuOnHkex], [(AnnouncementCategory)42])));
    }

    [Fact]
    public void One_book_matched_from_many_threads_at_once_gives_each_the_same_answers()
    {
        var book = BookWithWatchlists(
            AnnouncementRule("watchlist", CompanyScope.OfWatchlist("ai")),
            AnnouncementRule("keyword", any: ["results"]),
            AnnouncementRule("market", CompanyScope.AnyCompany, any: ["results", "業績"]),
            AnnouncementRule("both", CompanyScope.Of("zhipu", "tencent"), categories: [AnnouncementCategory.Results, AnnouncementCategory.Other]));
        var announcements = Enumerable.Range(0, 64).Select(i => Announcement(
            "x" + i,
            i % 3 == 0 ? "Interim results" : "Board meeting",
            i % 2 == 0 ? [ZhipuOnHkex, Hkex("700")] : [Hkex("700")],
            i % 4 == 0 ? [AnnouncementCategory.Results, AnnouncementCategory.Other] : [AnnouncementCategory.Results])).ToList();
        var expected = announcements.Select(a => string.Join(",", Matched(book, a))).ToList();

        var results = new string[8][];
        Parallel.For(0, results.Length, worker =>
            results[worker] = [.. Enumerable.Range(0, 200).Select(i => string.Join(",", Matched(book, announcements[(i + worker) % announcements.Count])))]);

        for (var worker = 0; worker < results.Length; worker++)
        {
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal(expected[(i + worker) % announcements.Count], results[worker][i]);
            }
        }
    }
}
