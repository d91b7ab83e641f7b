using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Tests;

/// <summary>Small builders for the companies, events and rules the tests talk about.</summary>
internal static class TestData
{
    public const string Tenant = "t1";

    /// <summary>2026-01-08 09:30 in Hong Kong: a Thursday morning session.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 1, 8, 1, 30, 0, TimeSpan.Zero);

    public static readonly Company Zhipu = new(
        "zhipu",
        ["Zhipu", "Knowledge Atlas", "智谱", "北京智谱华章科技股份有限公司"],
        [new Listing(SymbolFormat.Hkex, "02513", "2513.HK", "HKD")]);

    public static readonly Company Tencent = new(
        "tencent",
        ["Tencent Holdings", "腾讯控股"],
        [new Listing(SymbolFormat.Hkex, "00700", "0700.HK", "HKD")]);

    public static readonly Company Cambricon = new(
        "cambricon",
        ["Cambricon", "寒武纪", "中科寒武纪科技股份有限公司"],
        [new Listing(SymbolFormat.Sse, "688256", "688256.SS", "CNY")]);

    public static readonly Company PingAnBank = new(
        "pingan-bank",
        ["Ping An Bank", "平安银行"],
        [new Listing(SymbolFormat.Szse, "000001", "000001.SZ", "CNY")]);

    public static readonly Company Apple = new(
        "apple",
        ["Apple Inc."],
        [new Listing("NASDAQ", "AAPL", "AAPL", "USD")]);

    public static CompanyDirectory Known { get; } = new([Zhipu, Tencent, Cambricon, PingAnBank, Apple]);

    public static IssuerRef Hkex(string code, string? name = null) => new(SymbolFormat.Hkex, code, name);

    public static Announcement Announcement(
        string sourceId,
        string title,
        IReadOnlyList<IssuerRef> issuers,
        IReadOnlyList<AnnouncementCategory>? categories = null,
        DateTimeOffset? at = null,
        string source = "hkex") =>
        new(
            Model.Announcement.MakeId(source, sourceId),
            source,
            sourceId,
            issuers,
            title,
            "en",
            categories ?? [AnnouncementCategory.Other],
            "raw",
            new Uri("https://example.test/" + sourceId),
            at ?? Morning);

    public static MarketEvent AnnouncementEvent(string sourceId, DateTimeOffset at, string title = "Announcement", params IssuerRef[] issuers) =>
        MarketEvent.Of(Announcement(sourceId, title, issuers.Length == 0 ? [Hkex("02513")] : issuers, at: at));

    public static PriceTick Tick(string symbol, decimal price, decimal previousClose, DateTimeOffset at) =>
        new(symbol, price, previousClose, 1_000, at, "HKD", "quotes");

    public static MarketEvent TickEvent(string symbol, decimal price, decimal previousClose, DateTimeOffset at) =>
        MarketEvent.Of(Tick(symbol, price, previousClose, at));

    public static AnnouncementRule AnnouncementRule(
        string id,
        CompanyScope? companies = null,
        Frequency? frequency = null,
        IReadOnlyList<AnnouncementCategory>? categories = null,
        IReadOnlyList<string>? any = null,
        IReadOnlyList<string>? none = null,
        string tenant = Tenant) =>
        new()
        {
            TenantId = tenant,
            Id = id,
            Name = "rule " + id,
            Companies = companies ?? CompanyScope.Of("zhipu"),
            Frequency = frequency ?? Frequency.EveryTime,
            Categories = categories ?? [],
            KeywordsAny = any ?? [],
            KeywordsNone = none ?? [],
        };

    public static PriceMoveRule MoveRule(string id, decimal threshold, MoveDirection direction = MoveDirection.Either, Frequency? frequency = null, string company = "zhipu") =>
        new()
        {
            TenantId = Tenant,
            Id = id,
            Name = "move " + id,
            Companies = CompanyScope.Of(company),
            ThresholdPercent = threshold,
            Direction = direction,
            Frequency = frequency ?? Frequency.EveryTime,
        };

    public static PriceLevelRule LevelRule(string id, decimal level, CrossDirection direction = CrossDirection.Above, decimal hysteresis = 1m, string company = "zhipu") =>
        new()
        {
            TenantId = Tenant,
            Id = id,
            Name = "level " + id,
            Companies = CompanyScope.Of(company),
            Level = level,
            Direction = direction,
            HysteresisPercent = hysteresis,
        };

    public static RuleBook Book(params Rule[] rules) => RuleBook.Build(rules, [], Known);
}
