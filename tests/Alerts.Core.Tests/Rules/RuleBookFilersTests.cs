using Alerts.Core.Companies;
using Alerts.Core.Model;
using Model = Alerts.Core.Model;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Rules;

/// <summary>
/// The CIKs the EDGAR submissions source must poll: those of the companies active announcement rules watch, from the company
/// data or named by a watchlist; and an EDGAR filing by such a CIK matches those rules.
/// </summary>
public class RuleBookFilersTests
{
    private static readonly Company AppleFiler = Apple with { Cik = "0000320193" };
    private static readonly CompanyDirectory Directory = new([Zhipu, Tencent, AppleFiler]);

    private static AnnouncementRule Filings(string id, CompanyScope scope) => new() { TenantId = Tenant, Id = id, Name = id, Companies = scope };

    [Fact]
    public void Announcement_rules_give_the_ciks_of_their_companies_and_of_ciks_a_watchlist_names()
    {
        var book = RuleBook.Build(
            [
                Filings("us", CompanyScope.OfWatchlist("us")),
                Filings("hk", CompanyScope.Of("Zhipu")),
                new PriceMoveRule { TenantId = Tenant, Id = "move", Name = "move", Companies = CompanyScope.Of("CIK1045810"), ThresholdPercent = 5m },
            ],
            [new Watchlist(Tenant, "us", "US", ["Apple Inc.", "CIK 1318605"])],
            Directory);

        Assert.Empty(book.Problems);
        Assert.Equal(["0000320193", "0001318605"], book.SecFilerCiks(Morning));
    }

    [Fact]
    public void Disabled_expired_and_market_wide_rules_poll_no_cik()
    {
        var book = RuleBook.Build(
            [
                Filings("off", CompanyScope.Of("Apple Inc.")) with { Enabled = false },
                Filings("expired", CompanyScope.Of("CIK0000000042")) with { ExpiresAt = Morning.AddMinutes(-1) },
                Filings("all", CompanyScope.AnyCompany),
            ],
            [],
            Directory);

        Assert.Empty(book.SecFilerCiks(Morning));
    }

    [Theory]
    [InlineData("0000320193", "apple")]
    [InlineData("320193", "apple")]
    [InlineData("0001318605", "sec-0001318605")]
    public void An_edgar_filing_matches_the_rule_watching_its_filer(string cik, string company)
    {
        var book = RuleBook.Build(
            [Filings("us", CompanyScope.OfWatchlist("us"))], [new Watchlist(Tenant, "us", "US", ["AAPL", "CIK0001318605"])], Directory);
        var filing = Model.Announcement.Create("edgar", "0000000000-26-000001", [new IssuerRef(SecCik.Exchange, cik, "Filer")], "S-1 - Filer", "en",
            [AnnouncementCategory.ListingApplication], "S-1", null, Morning);

        var match = Assert.Single(book.Match(filing));
        Assert.Equal(company, match.Company!.Id);
    }
}
