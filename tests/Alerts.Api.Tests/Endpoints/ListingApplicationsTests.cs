using System.Net;
using System.Text.Json.Nodes;
using Alerts.Api.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Csrc;
using Alerts.Sources.Hkex;
using Alerts.Sources.Samples;
using Alerts.Sources.Sse;
using Alerts.Sources.Szse;
using Alerts.Storage;

namespace Alerts.Api.Tests.Endpoints;

/// <summary>
/// Issue 10: a company search shows the company's listing applications (latest status per exchange) from the events the
/// IPO-pipeline sources stored, parsed here by the real parsers from the bundled samples.
/// </summary>
public sealed class ListingApplicationsTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("智谱")]
    [InlineData("2513")]
    [InlineData("Zhipu")]
    public async Task Search_shows_the_STAR_Market_application_and_the_tutoring_the_pipelines_reported(string query)
    {
        var tenant = await _server.NewTenantAsync();
        var sse = await StoreAsync(_server.Store, SseIpoReviewParser.Parse(await File.ReadAllTextAsync(SampleData.PathOf(SampleData.SseIpoReviewFile))).Items);
        var csrc = await StoreAsync(_server.Store, CsrcTutoringParser.Parse(await File.ReadAllTextAsync(SampleData.PathOf(SampleData.CsrcTutoringFile))).Items);

        var zhipu = await FindAsync(tenant, query, "zhipu");

        var applications = zhipu["applications"]!.AsArray();
        var star = Assert.Single(applications, a => (string)a!["exchange"]! == "SSE")!;
        Assert.Equal("科创板", (string)star["board"]!);
        Assert.Equal("已受理", (string)star["status"]!);
        Assert.Equal("sse-ipo", (string)star["source"]!);
        var filed = sse.Single(a => a.Title.StartsWith("北京智谱华章科技股份有限公司", StringComparison.Ordinal));
        Assert.Equal(filed.PublishedAt, (DateTimeOffset)star["date"]!);
        Assert.Equal(filed.Url!.AbsoluteUri, (string)star["sourceUrl"]!);
        var tutoring = Assert.Single(applications, a => (string)a!["exchange"]! == "CSRC")!;
        var report = csrc.Where(a => a.Issuers[0].Name == "北京智谱华章科技股份有限公司").MaxBy(a => a.PublishedAt)!;
        Assert.Equal(report.RawCategory.Split(" / ")[0], (string)tutoring["status"]!);
        Assert.Equal(report.PublishedAt, (DateTimeOffset)tutoring["date"]!);
        Assert.Equal("2513.HK", (string)zhipu["listings"]![0]!["symbol"]!);
    }

    [Fact]
    public async Task A_company_the_pipelines_never_mentioned_shows_no_application()
    {
        var tenant = await _server.NewTenantAsync();
        await StoreAsync(_server.Store, SseIpoReviewParser.Parse(await File.ReadAllTextAsync(SampleData.PathOf(SampleData.SseIpoReviewFile))).Items);

        var minimax = await FindAsync(tenant, "MiniMax", "minimax");

        Assert.Empty(minimax["applications"]!.AsArray());
    }

    [Fact]
    public async Task The_latest_status_wins_whatever_order_the_events_were_stored_in()
    {
        var tenant = await _server.NewTenantAsync();
        await StoreAsync(_server.Store, SseIpoReviewParser.Parse(Row(3, "通过", "20261020100000")).Items);
        await StoreAsync(_server.Store, SseIpoReviewParser.Parse(Row(1, "", "20260929173015")).Items);
        await StoreAsync(_server.Store, SseIpoReviewParser.Parse(Row(2, "", "20261010090000")).Items);

        var zhipu = await FindAsync(tenant, "智谱", "zhipu");
        var star = Assert.Single(zhipu["applications"]!.AsArray())!;
        Assert.Equal("上市委会议 - 通过", (string)star["status"]!);
        Assert.Equal(new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(8)), (DateTimeOffset)star["date"]!);

        // A newer status from another exchange's pipeline is a second application, not a replacement.
        await StoreAsync(_server.Store, SzseIpoProjectParser.Parse(
            """{"data":[{"prjid":"9001","cmpnm":"北京智谱华章科技股份有限公司","prjst":"已受理","updtdt":"2026-10-21 09:00:00","boardName":"创业板"}],"totalSize":1}""").Items);
        var (_, one) = await tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/companies/zhipu");
        Assert.Equal(["SZSE", "SSE"], one!["applications"]!.AsArray().Select(a => (string)a!["exchange"]!));
    }

    [Fact]
    public async Task An_HKEX_pipeline_status_shows_in_the_exchanges_words()
    {
        var tenant = await _server.NewTenantAsync();
        await StoreAsync(_server.Store, HkexAppParser.ParseStatuses(
            """{"app":[{"id":"107796","a":"MiniMax Group Inc.","s":"W"}]}""", null, new DateTimeOffset(2025, 6, 30, 0, 0, 0, TimeSpan.FromHours(8))).Items);

        var minimax = await FindAsync(tenant, "稀宇科技", "minimax");

        var hkex = Assert.Single(minimax["applications"]!.AsArray())!;
        Assert.Equal("HKEX", (string)hkex["exchange"]!);
        Assert.Null(hkex["board"]);
        Assert.Equal("application withdrawn", (string)hkex["status"]!);
        Assert.Equal("hkex-app", (string)hkex["source"]!);
    }

    [Fact]
    public void The_pipeline_sources_are_the_parsers_own_names() =>
        Assert.Equal(
            [SseIpoReviewParser.Source, SzseIpoProjectParser.Source, CsrcTutoringParser.Source, HkexAppParser.Source],
            ListingApplications.PipelineSources);

    internal static async Task<IReadOnlyList<Announcement>> StoreAsync(AlertStore store, IReadOnlyList<Announcement> announcements)
    {
        Assert.NotEmpty(announcements);
        foreach (var announcement in announcements)
        {
            await store.Events.TryAddAsync(MarketEvent.Of(announcement), CancellationToken.None);
        }

        return announcements;
    }

    internal static async Task<JsonNode> FindAsync(TenantClient tenant, string query, string id)
    {
        var (status, body) = await tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/companies?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, status);
        return Assert.Single(body!["items"]!.AsArray(), c => (string)c!["id"]! == id)!;
    }

    /// <summary>Zhipu's STAR Market project (audit 2311) in the SSE review list at one status.</summary>
    private static string Row(int status, string committee, string updated) =>
        $$"""jsonpCallback1({"result":[{"updateDate":"{{updated}}","stockAuditName":"北京智谱华章科技股份有限公司科创板IPO项目","currStatus":{{status}},"stockAuditNum":"2311","auditApplyDate":"20260929173016","issueMarketType":1,"commitiResult":"{{committee}}","registeResult":""}]})""";
}
