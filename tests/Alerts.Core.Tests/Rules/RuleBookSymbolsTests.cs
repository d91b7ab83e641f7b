using Alerts.Core.Model;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Rules;

/// <summary>The symbols the quote sources must poll: those active price rules watch, directly or through a watchlist.</summary>
public class RuleBookSymbolsTests
{
    private static PriceMoveRule Move(string id, CompanyScope scope) =>
        new() { TenantId = Tenant, Id = id, Name = id, Companies = scope, ThresholdPercent = 20m };

    [Fact]
    public void Price_rules_give_their_symbols_directly_and_through_watchlists_announcement_rules_none()
    {
        var book = RuleBook.Build(
            [
                Move("zhipu", CompanyScope.Of("Zhipu")),
                new PriceLevelRule { TenantId = Tenant, Id = "ai", Name = "ai", Companies = CompanyScope.OfWatchlist("ai"), Level = 100m },
                new AnnouncementRule { TenantId = Tenant, Id = "filings", Name = "filings", Companies = CompanyScope.Of("Tencent") },
            ],
            [new Watchlist(Tenant, "ai", "AI", ["688256", "Zhipu"])],
            Known);

        Assert.Equal(["2513.HK", "688256.SS"], book.PriceSymbols(Morning));
    }

    [Fact]
    public void Disabled_and_expired_rules_are_not_polled()
    {
        var book = RuleBook.Build(
            [
                Move("off", CompanyScope.Of("Zhipu")) with { Enabled = false },
                Move("expired", CompanyScope.Of("Tencent")) with { ExpiresAt = Morning.AddMinutes(-1) },
                Move("later", CompanyScope.Of("Cambricon")) with { ExpiresAt = Morning.AddDays(1) },
            ],
            [],
            Known);

        Assert.Equal(["688256.SS"], book.PriceSymbols(Morning));
        Assert.Empty(book.PriceSymbols(Morning.AddDays(2)));
    }

    [Fact]
    public void A_price_rule_on_every_company_polls_every_known_listing() =>
        Assert.Equal(
            ["000001.SZ", "0700.HK", "2513.HK", "688256.SS", "AAPL"],
            RuleBook.Build([Move("all", CompanyScope.AnyCompany)], [], Known).PriceSymbols(Morning).Order(StringComparer.Ordinal));
}
