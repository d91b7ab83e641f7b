using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Tests.Rules.Market;

/// <summary>Market-rule builders: Zhipu with a (hypothetical) STAR Market A-share beside its H-share, and one rule of each kind.</summary>
internal static class MarketTestData
{
    public const string H = "2513.HK";
    public const string A = "688999.SS";
    public const string Fx = "HKDCNY=X";

    /// <summary>2026-01-08 10:00 in Hong Kong and Shanghai (a Thursday, a trading day on both).</summary>
    public static readonly DateTimeOffset Ten = new(2026, 1, 8, 2, 0, 0, TimeSpan.Zero);

    public static readonly Company ZhipuAh = new(
        "zhipu",
        ["Zhipu", "智谱"],
        [new Listing(SymbolFormat.Hkex, "02513", H, "HKD"), new Listing(SymbolFormat.Sse, "688999", A, "CNY")]);

    public static NewHighLowRule NewHigh(HistoryWindow window = HistoryWindow.AllTime, int? days = null, Extreme extreme = Extreme.High, decimal rearm = 1m, Frequency? frequency = null) => new()
    {
        TenantId = TestData.Tenant, Id = "record", Name = "record", Companies = CompanyScope.Of("zhipu"),
        Window = window, TradingDays = days, Extreme = extreme, RearmPercent = rearm, Frequency = frequency ?? Frequency.EveryTime,
    };

    public static WindowMoveRule Move(decimal threshold, int? minutes = null, int? days = null, MoveDirection direction = MoveDirection.Either, Frequency? frequency = null, DateTimeOffset? expires = null) => new()
    {
        TenantId = TestData.Tenant, Id = "window", Name = "window", Companies = CompanyScope.Of("zhipu"),
        ThresholdPercent = threshold, Minutes = minutes, TradingDays = days, Direction = direction, Frequency = frequency ?? Frequency.EveryTime,
        ExpiresAt = expires,
    };

    public static ListingSpreadRule Spread(decimal? level = 35m, decimal? movePoints = null, CrossDirection direction = CrossDirection.Above, string? fx = null, Frequency? frequency = null) => new()
    {
        TenantId = TestData.Tenant, Id = "ah", Name = "A/H premium", Companies = CompanyScope.Of("zhipu"),
        Level = movePoints is null ? level : null, MovePoints = movePoints, Direction = direction, FxSymbol = fx,
        Frequency = frequency ?? Frequency.EveryTime,
    };

    public static VolumeSpikeRule Spike(decimal multiple = 3m, int days = 20) => new()
    {
        TenantId = TestData.Tenant, Id = "spike", Name = "spike", Companies = CompanyScope.Of("zhipu"), Multiple = multiple, Days = days,
    };
}
