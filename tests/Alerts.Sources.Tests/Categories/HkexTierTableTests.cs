using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Samples;
using static Alerts.Core.Model.AnnouncementCategory;

namespace Alerts.Sources.Tests.Categories;

/// <summary>
/// Every HKEX headline code the classifier relies on, checked against the exchange's tier tables (the bundled copies of
/// tierone_e.json / tiertwo_e.json): the code exists, under the tier-1 it belongs to, with the name the mapping assumes.
/// </summary>
public class HkexTierTableTests
{
    public static TheoryData<string, string, AnnouncementCategory> Mappings => new()
    {
        { "91000", "Application Proofs, OC Announcements and PHIPs", ListingApplication },
        { "91200", "Application Proofs", ListingApplication },
        { "91100", "Post Hearing Information Packs or PHIPs", ListingHearingOrApproval },
        { "91300", "OC Announcements", SponsorAppointment },
        { "30000", "Listing Documents", Prospectus },
        { "30500", "Introduction", Prospectus },
        { "30600", "Offer for Sale", Prospectus },
        { "30700", "Offer for Subscription", Prospectus },
        { "31000", "Placing of Securities of a Class New to Listing", Prospectus },
        { "31200", "Supplementary Listing Document", Prospectus },
        { "15200", "Formal Notice", Prospectus },
        { "15500", "Supplemental Information regarding IPO", Prospectus },
        { "15100", "Allotment Results", AllotmentResults },
        { "13300", "Final Results", Results },
        { "13400", "Interim Results", Results },
        { "40100", "Annual Report", Results },
        { "40200", "Interim Report", Results },
        { "40300", "Quarterly Report", Results },
        { "30800", "Open Offer", Other },
        { "31100", "Rights Issue", Other },
        { "18480", "Placing", Other },
        { "70000", "Debt and Structured Products", Other },
        { "71500", "Daily Trading Report - CBBC", Other },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Each_code_is_the_exchanges_own_and_maps_as_documented(string code, string name, AnnouncementCategory category)
    {
        Assert.Equal(name, Tiers()[code]);
        Assert.Equal([category], AnnouncementClassifier.Classify(null, [SourceCodes.Hkex(code)]));
    }

    [Fact]
    public void Every_hkex_code_in_the_classification_table_is_in_the_tier_tables_and_tested_here()
    {
        var used = CategoryRules.All.SelectMany(rule => rule.Codes).Where(c => c.StartsWith("hkex:", StringComparison.Ordinal)).Select(c => c[5..]).ToHashSet();
        var tested = Mappings.Select(row => (string)row[0]).ToHashSet();

        Assert.All(used, code => Assert.True(Tiers().ContainsKey(code), $"hkex:{code} is not in the tier tables"));
        Assert.Subset(tested, used);
    }

    [Fact]
    public void Tier_two_codes_sit_under_their_tier_one()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SampleData.PathOf("hkex-tiertwo_e.json")));
        var tierOne = Tiers();

        Assert.All(document.RootElement.EnumerateArray(), row =>
        {
            var t1 = row.GetProperty("t1code").GetString()!;
            Assert.True(tierOne.ContainsKey(t1));
            Assert.Equal(t1[0], row.GetProperty("code").GetString()![0]);
        });
    }

    private static Dictionary<string, string> Tiers() =>
        new[] { "hkex-tierone_e.json", "hkex-tiertwo_e.json" }
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(SampleData.PathOf(file))).RootElement.EnumerateArray()
                .Select(row => (Code: row.GetProperty("code").GetString()!, Name: row.GetProperty("name").GetString()!)))
            .ToDictionary(row => row.Code, row => row.Name);
}
