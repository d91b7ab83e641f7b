using System.Globalization;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Tests.Rules;

/// <summary>The index must answer exactly what testing every rule against every announcement answers.</summary>
public sealed class RuleBookEquivalenceTests
{
    private static readonly string[] Vocabulary =
    [
        "listing", "list", "ing", "Listing Application", "prospectus", "PROSPECTUS", "ＳＴＡＲ", "star market", "results", "interim",
        "withdraw", "lapse", "halt", "resumption", "IPO", "ｉｐｏ", "H share", "h shares", "AI", "a",
        "上市", "科创板", "科创板上市", "招股说明书", "终止", "辅导", "H股", "ｈ股", "发行", "问询", " ", "",
    ];

    [Theory]
    [InlineData(20260108)]
    [InlineData(42)]
    public void RuleBook_matches_exactly_the_rules_a_naive_scan_matches(int seed)
    {
        var random = new Random(seed);
        var companies = Enumerable.Range(0, 150).Select(i => RandomCompany(i, random)).ToList();
        var directory = new CompanyDirectory(companies);
        string[] tenants = ["t1", "t2", "t3"];
        var watchlists = tenants.SelectMany(t => Enumerable.Range(0, 20).Select(i => new Watchlist(
            t, "wl" + i, "watchlist " + i, [.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => CompanyEntry(companies, random))]))).ToList();
        var rules = Enumerable.Range(0, 3000).Select(i => RandomRule(i, tenants, companies, random)).ToList();
        var announcements = Enumerable.Range(0, 400).Select(i => RandomAnnouncement(i, companies, random)).ToList();

        var book = RuleBook.Build(rules, watchlists, directory);
        var naive = new NaiveRuleScan(rules, watchlists, directory);

        var totalMatches = 0;
        var buffer = new List<RuleMatch>();
        foreach (var announcement in announcements)
        {
            var indexed = book.Match(announcement).Select(m => m.Rule.Id).ToList();
            var expected = naive.Match(announcement).Order(StringComparer.Ordinal).ToList();

            // The reused buffer the evaluate stage and the benchmark match into: appended after what it holds, same matches.
            buffer.Clear();
            buffer.Add(new RuleMatch(rules[0], "earlier", null));
            var appended = book.Match(announcement, buffer);
            Assert.Equal(indexed.Count, appended);
            Assert.Equal("earlier", buffer[0].Subject);
            Assert.Equal(indexed, buffer.Skip(1).Select(m => m.Rule.Id));

            Assert.Equal(indexed.Count, indexed.Distinct(StringComparer.Ordinal).Count());
            Assert.True(expected.SequenceEqual(indexed.Order(StringComparer.Ordinal)), $"announcement '{announcement.Title}' by {string.Join(", ", announcement.Issuers)}");
            totalMatches += indexed.Count;
        }

        // The comparison means something only if plenty of rules match and plenty do not.
        Assert.InRange(totalMatches, announcements.Count, announcements.Count * rules.Count / 10);
        Assert.NotEmpty(book.Problems);
    }

    private static Company RandomCompany(int i, Random random)
    {
        var onHkex = random.Next(3) > 0;
        var code = onHkex ? (1000 + i).ToString("D5", CultureInfo.InvariantCulture) : (688000 + i).ToString(CultureInfo.InvariantCulture);
        var exchange = onHkex ? SymbolFormat.Hkex : SymbolFormat.Sse;
        return new Company(
            "c" + i,
            ["Company " + i, "公司" + i + "号股份有限公司"],
            [new Listing(exchange, code, SymbolFormat.FromExchangeCode(exchange, code), onHkex ? "HKD" : "CNY")]);
    }

    private static string CompanyEntry(List<Company> companies, Random random)
    {
        if (random.Next(25) == 0)
        {
            return "Nobody " + random.Next(1000);
        }

        var company = companies[random.Next(companies.Count)];
        return random.Next(5) switch
        {
            0 => company.Id,
            1 => company.Names[0].ToUpperInvariant(),
            2 => company.Names[1],
            3 => company.Listings[0].Symbol,
            _ => company.Listings[0].Code.TrimStart('0'),
        };
    }

    private static Rule RandomRule(int i, string[] tenants, List<Company> companies, Random random)
    {
        var tenant = tenants[random.Next(tenants.Length)];
        var scope = random.Next(10) switch
        {
            0 => CompanyScope.AnyCompany,
            < 5 => CompanyScope.OfWatchlist("wl" + random.Next(22)),
            _ => CompanyScope.Of([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => CompanyEntry(companies, random))]),
        };

        if (random.Next(10) == 0)
        {
            return new PriceMoveRule { TenantId = tenant, Id = "p" + i, Name = "price", Companies = scope, ThresholdPercent = 5m };
        }

        return new AnnouncementRule
        {
            TenantId = tenant,
            Id = "r" + i.ToString("D5", CultureInfo.InvariantCulture),
            Name = "rule " + i,
            Companies = scope,
            Enabled = random.Next(12) > 0,
            Categories = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomCategory(random))],
            KeywordsAny = [.. Enumerable.Range(0, random.Next(3) == 0 ? random.Next(1, 4) : 0).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])],
            KeywordsNone = [.. Enumerable.Range(0, random.Next(5) == 0 ? random.Next(1, 3) : 0).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])],
        };
    }

    private static Announcement RandomAnnouncement(int i, List<Company> companies, Random random)
    {
        var issuers = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        {
            var company = companies[random.Next(companies.Count)];
            var listing = company.Listings[0];
            return random.Next(6) switch
            {
                0 => new IssuerRef("HKEX", "0" + random.Next(99999).ToString("D5", CultureInfo.InvariantCulture), "Unknown issuer"),
                1 => new IssuerRef(listing.Exchange, null, company.Names[1]),
                _ => new IssuerRef(listing.Exchange, listing.Code, company.Names[0]),
            };
        }).ToList();
        var words = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(3) == 0 ? "notice" : Vocabulary[random.Next(Vocabulary.Length)]);
        var title = string.Join(random.Next(2) == 0 ? " " : "", words);
        return Announcement.Create(
            "hkex", i.ToString(CultureInfo.InvariantCulture), issuers, title, "en",
            [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomCategory(random))], "raw", null,
            new DateTimeOffset(2026, 1, 8, 1, 30, 0, TimeSpan.Zero));
    }

    private static AnnouncementCategory RandomCategory(Random random) =>
        (AnnouncementCategory)random.Next(Enum.GetValues<AnnouncementCategory>().Length);
}
