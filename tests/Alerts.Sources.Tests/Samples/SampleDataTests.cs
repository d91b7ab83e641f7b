using System.Text;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Samples;

namespace Alerts.Sources.Tests.Samples;

public class SampleDataTests
{
    private static readonly IReadOnlyList<MarketEvent> Story = SampleData.LoadDemoEvents();
    private static readonly CompanyDirectory Companies = new(SampleData.LoadCompanies());

    [Fact]
    public void Every_sample_file_is_copied_next_to_the_assembly()
    {
        var files = new[]
        {
            SampleData.CompaniesFile, SampleData.HkexLciEnglishFile, SampleData.HkexLciChineseFile, SampleData.CsrcTutoringFile,
            SampleData.SseIpoReviewFile, "README.md",
        }.Concat(SampleData.TencentSnapshotFiles);

        Assert.All(files, file => Assert.True(File.Exists(SampleData.PathOf(file)), file));
    }

    [Fact]
    public void The_catalogue_holds_the_story_companies_and_their_listings()
    {
        var companies = SampleData.LoadCompanies();

        Assert.True(companies.Count >= 5);
        Assert.Equal(new Listing("HKEX", "02513", "2513.HK", "HKD"), Assert.Single(Companies.ById("zhipu")!.Listings));
        Assert.Equal(new Listing("HKEX", "00100", "0100.HK", "HKD"), Assert.Single(Companies.ById("minimax")!.Listings));
        Assert.Equal(["002594.SZ", "1211.HK"], Companies.ById("byd")!.Listings.Select(l => l.Symbol));
        Assert.All(companies.SelectMany(c => c.Listings), l => Assert.Equal(SymbolFormat.FromExchangeCode(l.Exchange, l.Code), l.Symbol));
    }

    [Fact]
    public void At_least_fifteen_companies_are_listed_both_in_the_mainland_and_in_hong_kong()
    {
        var dual = SampleData.LoadCompanies()
            .Where(c => c.Listings.Any(l => l.Exchange == "HKEX") && c.Listings.Any(l => l.Exchange is "SSE" or "SZSE"))
            .ToList();

        Assert.True(dual.Count >= 15, $"{dual.Count} A+H companies");
        Assert.All(dual, c => Assert.Same(
            Companies.Find(c.Listings.First(l => l.Exchange == "HKEX").Symbol),
            Companies.Find(c.Listings.First(l => l.Exchange != "HKEX").Code)));
    }

    [Fact]
    public void Every_company_has_english_chinese_and_legal_names()
    {
        Assert.All(SampleData.LoadCompanies(), c =>
        {
            Assert.Contains(c.Names, n => !n.Any(IsHan));
            Assert.Contains(c.Names, n => n.Any(IsHan));
            Assert.Contains(c.Names, n => n.EndsWith("有限公司", StringComparison.Ordinal));
            Assert.Contains(c.Names, n => !n.Any(IsHan) && LegalSuffixes.Any(s => n.EndsWith(s, StringComparison.Ordinal)));
        });
    }

    [Theory]
    [InlineData("zhipu", "北京智谱华章科技股份有限公司", "北京智譜華章科技股份有限公司")]
    [InlineData("moore-threads", "摩尔线程", "摩爾線程")]
    [InlineData("montage", "澜起科技", "瀾起科技")]
    [InlineData("metax", "沐曦集成电路（上海）股份有限公司", "沐曦集成電路（上海）股份有限公司")]
    [InlineData("deepseek", "杭州深度求索人工智能基础技术研究有限公司", "杭州深度求索人工智能基礎技術研究有限公司")]
    [InlineData("cmb", "招商银行", "招商銀行")]
    [InlineData("ping-an", "中国平安保险（集团）股份有限公司", "中國平安保險（集團）股份有限公司")]
    public void Simplified_and_traditional_names_find_the_same_company(string id, string simplified, string traditional)
    {
        Assert.Equal(id, Companies.Find(simplified)?.Id);
        Assert.Equal(id, Companies.Find(traditional)?.Id);
    }

    [Theory]
    [InlineData("688802")]
    [InlineData("688802.SS")]
    [InlineData("沐曦股份")]
    public void MetaX_is_found_by_its_star_market_listing(string entry) =>
        // 沐曦股份 688802 listed on the STAR Market on 17 December 2025 (its listing announcement of 15 December 2025).
        Assert.Equal("metax", Companies.Find(entry)?.Id);

    [Fact]
    public void DeepSeek_is_known_before_it_lists()
    {
        Assert.Empty(Companies.ById("deepseek")!.Listings);
        Assert.Equal("deepseek", Companies.Find("DeepSeek")?.Id);
    }

    private static readonly string[] LegalSuffixes = ["Limited", "Ltd.", "Inc.", "Corporation", "Co., Ltd.", "Company of China, Ltd."];

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    [Theory]
    [InlineData("Zhipu AI")]
    [InlineData("KNOWLEDGE ATLAS")]
    [InlineData("北京智谱华章科技股份有限公司")]
    [InlineData("北京智譜華章科技股份有限公司")]
    [InlineData("智譜")]
    [InlineData("2513.HK")]
    [InlineData("02513")]
    public void Every_name_of_zhipu_finds_zhipu(string entry) => Assert.Equal("zhipu", Companies.Find(entry)?.Id);

    [Fact]
    public void Zhipu_climbs_from_402_to_a_record_496()
    {
        var ticks = Story.Where(e => e.Kind == MarketEventKind.PriceTick).Select(e => e.Tick!).Where(t => t.Symbol == "2513.HK").ToList();

        Assert.Equal([410.00m, 455.00m, 470.00m, 488.00m, 496.00m], ticks.Select(t => t.Price));
        Assert.All(ticks, t => Assert.Equal(402.00m, t.PreviousClose));
        Assert.All(ticks, t => Assert.Equal("HKD", t.Currency));
        Assert.Equal(23.38m, decimal.Round(ticks[^1].ChangePercent, 2));
        Assert.True(ticks.Zip(ticks.Skip(1)).All(pair => pair.First.Time < pair.Second.Time));
    }

    [Fact]
    public void MiniMax_moves_a_little()
    {
        var ticks = Story.Select(e => e.Tick).OfType<PriceTick>().Where(t => t.Symbol == "0100.HK").ToList();

        Assert.Equal(5, ticks.Count);
        Assert.All(ticks, t => Assert.InRange(Math.Abs(t.ChangePercent), 0m, 2m));
    }

    [Theory]
    [InlineData(ZhipuPlan, "zhipu")]
    [InlineData("hkex:202609091230-00100-14200-1", "minimax")]
    public void The_star_market_plans_are_a_share_issuance(string id, string company)
    {
        var announcement = Announcements().Single(a => a.Id == id);

        Assert.Contains(AnnouncementCategory.AShareIssuance, announcement.Categories);
        Assert.Equal(company, Companies.Resolve(Assert.Single(announcement.Issuers))?.Id);
    }

    [Fact]
    public void The_zhipu_plan_is_one_announcement_carrying_the_english_and_chinese_titles()
    {
        var plan = Announcements().Single(a => a.Id == ZhipuPlan);

        Assert.Equal("en", plan.Language);
        Assert.StartsWith("Proposed Issuance of A Shares", plan.Title, StringComparison.Ordinal);
        Assert.Contains("發行A股", Assert.Single(plan.Translations!).Title, StringComparison.Ordinal);
        Assert.Contains(AnnouncementCategory.InsideInformation, plan.Categories);
    }

    [Fact]
    public void The_csrc_row_is_zhipu_completing_tutoring()
    {
        var row = Announcements().Single(a => a.Source == "csrc" && a.Issuers[0].Name == "北京智谱华章科技股份有限公司");

        Assert.Equal([AnnouncementCategory.IpoTutoring, AnnouncementCategory.TutoringCompleted], row.Categories);
        Assert.Equal("辅导工作完成 / 辅导工作总结报告", row.RawCategory);
        Assert.Equal("zhipu", Companies.Resolve(row.Issuers[0])?.Id);
        Assert.Equal(new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.FromHours(8)), row.PublishedAt);
    }

    [Fact]
    public void The_sse_row_is_zhipus_accepted_listing_application()
    {
        var row = Announcements().Single(a => a.Id == "sse-ipo:2311:1");

        Assert.Equal([AnnouncementCategory.ListingApplication], row.Categories);
        Assert.Equal("北京智谱华章科技股份有限公司 科创板IPO: 已受理", row.Title);
        Assert.Equal("zhipu", Companies.Resolve(row.Issuers[0])?.Id);
    }

    [Fact]
    public void The_zhipu_tutoring_announcement_is_tutoring()
    {
        Assert.Contains(AnnouncementCategory.IpoTutoring, Announcements().Single(a => a.Id == "hkex:202609251942-02513-14200-1").Categories);
    }

    [Fact]
    public void The_unrelated_rows_are_not_about_the_story_companies()
    {
        var unrelated = Announcements().Where(a => a.Source == "hkex" && a.Issuers[0].Code is "01906" or "00388" or "00700").ToList();

        Assert.Equal(3, unrelated.Count);
        Assert.All(unrelated, a => Assert.DoesNotContain(Companies.Resolve(a.Issuers[0])?.Id, new[] { "zhipu", "minimax" }));
    }

    [Fact]
    public void The_story_is_in_time_order()
    {
        Assert.True(Story.Zip(Story.Skip(1)).All(pair => pair.First.OccurredAt <= pair.Second.OccurredAt));
        Assert.All(Story, e => Assert.True(e.IsWellFormed));
    }

    [Fact]
    public void Quote_snapshots_are_gbk_on_disk()
    {
        var bytes = File.ReadAllBytes(SampleData.PathOf(SampleData.TencentSnapshotFiles[0]));
        var strictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

        Assert.ThrowsAny<DecoderFallbackException>(() => strictUtf8.GetString(bytes));
    }

    private const string ZhipuPlan = "hkex:202608281905-02513-14200+14300-1";

    private static IEnumerable<Announcement> Announcements() => Story.Select(e => e.Announcement).OfType<Announcement>();
}
