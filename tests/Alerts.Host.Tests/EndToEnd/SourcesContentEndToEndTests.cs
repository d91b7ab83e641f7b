using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// <c>alerts run</c> polling fake HKEX and CSRC sites: one announcement filed in two languages is one alert carrying both
/// titles, also when the second language comes late; a CSRC tutoring row naming Zhipu's legal name reaches a watchlist that
/// holds only its Hong Kong symbol.
/// </summary>
public sealed class SourcesContentEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-content-").FullName;

    [Fact]
    public async Task A_zhipu_announcement_in_english_and_chinese_is_one_alert_with_both_titles()
    {
        var feed = new BilingualFeed(
            [Row(12400100, "Date of Board Meeting", "00388", "2026092700100.pdf", "13500")],
            [Row(12400101, "董事會會議日期", "00388", "2026092700101_c.pdf", "13500")]);
        await using var hkex = await LoopbackServer.StartAsync(feed.ServeAsync);
        var deliveries = new ConcurrentQueue<JsonNode>();
        await using var desk = await Receiver(deliveries);
        var environment = Environment(hkex.Url("/ncms/json/eds/lcisehk1relsde_1.json"), "hkex-lci");
        await ImportAsync(environment, desk.Url("/hooks/desk"), ["AShareIssuance", "InsideInformation"]);
        await using var service = await RunningService.StartAsync(_work, environment);
        await Eventually.HoldsAsync(() => feed.Polls >= 2, service.Process);

        // Zhipu files its A-share plan in both languages at once (separate newsIds, as HKEX does).
        var plan = (Row(12400200, "Proposed Issuance of A Shares and Listing on the STAR Market", "02513", "2026092801001.pdf", "13500,14200"),
            Row(12400201, "建議發行A股並於科創板上市", "02513", "2026092801002_c.pdf", "13500,14200"));
        feed.Publish(english: [plan.Item1], chinese: [plan.Item2]);
        await Eventually.HoldsAsync(() => !deliveries.IsEmpty, service.Process);

        // Then an inside-information notice whose Chinese version is published only after a few more polls.
        var update = (Row(12400300, "Inside Information - Update on the Proposed A Share Listing", "02513", "2026092801003.pdf", "99999", "28/09/2026 19:30"),
            Row(12400301, "內幕消息 - 有關建議A股上市之最新情況", "02513", "2026092801004_c.pdf", "99999", "28/09/2026 19:30"));
        feed.Publish(english: [plan.Item1, update.Item1], chinese: [plan.Item2]);
        var before = feed.Polls;
        await Eventually.HoldsAsync(() => deliveries.Count >= 2 && feed.Polls >= before + 2, service.Process);
        feed.Publish(english: [plan.Item1, update.Item1], chinese: [plan.Item2, update.Item2]);
        var late = feed.Polls;
        await Eventually.HoldsAsync(() => feed.Polls >= late + 3, service.Process);
        await service.WaitForHealthAsync(h => h.GetProperty("pendingEvaluations").GetInt32() == 0 && h.GetProperty("pendingDeliveries").GetInt32() == 0);

        var headlines = deliveries.Select(d => d["data"]!["headline"]!.GetValue<string>()).ToList();
        Assert.Equal(2, headlines.Count);
        Assert.Contains("Proposed Issuance of A Shares and Listing on the STAR Market / 建議發行A股並於科創板上市", headlines[0], StringComparison.Ordinal);
        Assert.Contains("Inside Information - Update on the Proposed A Share Listing", headlines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("內幕消息", headlines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csrc_tutoring_row_naming_zhipus_legal_name_alerts_a_watchlist_holding_2513_hk_once()
    {
        var polls = 0;
        await using var csrc = await LoopbackServer.StartAsync(async (_, context) =>
        {
            Interlocked.Increment(ref polls);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(TutoringPage);
        });
        var deliveries = new ConcurrentQueue<JsonNode>();
        await using var desk = await Receiver(deliveries);
        var environment = Environment(csrc.Url("/csrcfd/index.html"), "csrc-tutoring");
        await ImportAsync(environment, desk.Url("/hooks/desk"), ["IpoTutoring"]);
        await using var service = await RunningService.StartAsync(_work, environment);

        await Eventually.HoldsAsync(() => !deliveries.IsEmpty && Volatile.Read(ref polls) >= 4, service.Process);
        await service.WaitForHealthAsync(h => h.GetProperty("pendingEvaluations").GetInt32() == 0 && h.GetProperty("pendingDeliveries").GetInt32() == 0);

        var delivery = Assert.Single(deliveries);
        Assert.Contains("北京智谱华章科技股份有限公司", delivery["data"]!["headline"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private const string TutoringPage = """
        <html><head><meta charset="utf-8"></head><body><table class="m-table2">
        <tr><td>序号</td><td>辅导对象</td><td>辅导机构</td><td>备案时间</td><td>辅导状态</td><td>派出机构</td><td>报告类型</td><td>报告标题</td></tr>
        <tr><td>1</td><td>北京智谱华章科技股份有限公司</td><td>中信证券股份有限公司</td><td>2026-04-14</td><td>辅导工作完成</td><td>北京证监局</td><td>辅导工作总结报告</td><td><a href="javascript:;" onclick="downloadPdf1('/mnt/storage/stock/pre_ipo/2026/9/25/7d1c0b2a.pdf')">关于北京智谱华章科技股份有限公司首次公开发行股票并上市辅导工作总结报告</a></td></tr>
        <tr><td>2</td><td>广西田园生化股份有限公司</td><td>国海证券股份有限公司</td><td>2025-06-20</td><td>辅导验收</td><td>广西证监局</td><td>辅导工作总结报告</td><td><a href="javascript:downloadPdf1('/mnt/storage/stock/pre_ipo/2026/9/24/9a7c.pdf')">关于广西田园生化股份有限公司首次公开发行股票并上市辅导工作总结报告</a></td></tr>
        </table></body></html>
        """;

    private Dictionary<string, string> Environment(Uri source, string kind)
    {
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        environment["Alerts__PollSources"] = "true";
        environment["Alerts__Sources__0__Name"] = kind + "-fake";
        environment["Alerts__Sources__0__Kind"] = kind;
        environment["Alerts__Sources__0__Url"] = source.ToString();
        environment["Alerts__Sources__0__Schedule"] = "* * * * * *";
        return environment;
    }

    /// <summary>One rule over a watchlist that holds nothing but Zhipu's Hong Kong symbol, delivered to the desk's webhook.</summary>
    private async Task ImportAsync(Dictionary<string, string> environment, Uri webhook, string[] categories)
    {
        var catalog = new JsonObject
        {
            ["watchlists"] = new JsonArray(new JsonObject { ["id"] = "hk", ["name"] = "HK", ["entries"] = new JsonArray("2513.HK") }),
            ["channels"] = new JsonArray(new JsonObject
            {
                ["id"] = "desk", ["name"] = "Desk", ["kind"] = "Webhook", ["target"] = webhook.ToString(), ["secret"] = CatalogFiles.Secret,
            }),
            ["rules"] = new JsonArray(new JsonObject
            {
                ["kind"] = "announcement", ["id"] = "zhipu", ["name"] = "Zhipu filings",
                ["companies"] = new JsonObject { ["watchlist"] = "hk" },
                ["categories"] = new JsonArray([.. categories.Select(c => JsonValue.Create(c))]),
            }),
            ["subscriptions"] = new JsonArray(new JsonObject { ["id"] = "s1", ["ruleId"] = "zhipu", ["channelIds"] = new JsonArray("desk") }),
        };
        var file = Path.Combine(_work, "catalog.json");
        await File.WriteAllTextAsync(file, catalog.ToJsonString());
        var import = await AlertsProcess.RunAsync(_work, environment, "import", file);
        Assert.True(import.ExitCode == 0, import.Output + import.Errors);
    }

    private static Task<LoopbackServer> Receiver(ConcurrentQueue<JsonNode> deliveries) =>
        LoopbackServer.StartAsync(async (request, context) =>
        {
            deliveries.Enqueue(JsonNode.Parse(request.BodyText)!);
            context.Response.StatusCode = 204;
            await Task.CompletedTask;
        });

    private static string Page(IEnumerable<string> rows) =>
        "{\"genDate\":\"1790500000000\",\"maxNumOfFile\":1,\"newsInfoLst\":[" + string.Join(",", rows.Reverse()) + "]}";

    /// <summary>
    /// The two language files of the LCI feed. A poll reads the English file, then the Chinese one: what is published takes
    /// effect at the next English read, so both files of one poll show the same moment, as HKEX's do.
    /// </summary>
    private sealed class BilingualFeed(IReadOnlyList<string> english, IReadOnlyList<string> chinese)
    {
        private (IReadOnlyList<string> English, IReadOnlyList<string> Chinese) _current = (english, chinese);
        private (IReadOnlyList<string> English, IReadOnlyList<string> Chinese)? _pending;
        private readonly Lock _gate = new();
        private int _polls;

        public int Polls
        {
            get
            {
                lock (_gate)
                {
                    return _polls;
                }
            }
        }

        public void Publish(IReadOnlyList<string> english, IReadOnlyList<string> chinese)
        {
            lock (_gate)
            {
                _pending = (english, chinese);
            }
        }

        public async Task ServeAsync(RecordedRequest request, HttpContext context)
        {
            string body;
            lock (_gate)
            {
                if (!request.PathAndQuery.Contains("relsdc", StringComparison.Ordinal))
                {
                    _current = _pending ?? _current;
                    _pending = null;
                    _polls++;
                    body = Page(_current.English);
                }
                else
                {
                    body = Page(_current.Chinese);
                }
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }
    }

    private static string Row(long newsId, string title, string stock, string file, string t2, string relTime = "28/09/2026 19:05") =>
        $$"""{"newsId":{{newsId}},"lTxt":"-","title":"{{title}}","ext":"pdf","webPath":"/listedco/listconews/sehk/2026/0928/{{file}}","market":"SEHK","stock":[{"sc":"{{stock}}","sn":"-"}],"relTime":"{{relTime}}","t1Code":"10000","t2Code":"{{t2}}"}""";

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
