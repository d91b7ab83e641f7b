using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// The management API in a started <c>alerts run</c>, driven by the <c>alerts</c> client commands the way an operator and a
/// tenant would: create a tenant, set up a watchlist, rule, channel and subscription, push an event, see the alert delivered.
/// </summary>
public sealed class ManagementApiEndToEndTests : IDisposable
{
    private const string AdminKey = "e2e-admin-key-0123456789abcdef";
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-api-").FullName;

    [Fact]
    public async Task A_tenant_set_up_through_the_CLI_gets_its_alert_delivered_by_the_running_service()
    {
        await using var desk = await LoopbackServer.StartAsync(204);
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        environment["Alerts__Api__AdminKey"] = AdminKey;
        await using var service = await RunningService.StartAsync(_work, environment);
        var server = $"http://127.0.0.1:{service.Port.ToString(CultureInfo.InvariantCulture)}";

        using (var http = new HttpClient())
        {
            var openApi = JsonNode.Parse(await http.GetStringAsync(server + "/openapi/v1.json"))!;
            Assert.NotNull(openApi["paths"]!["/api/v1/watchlists"]);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(server + "/api/v1/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(server + "/api/v1/rules")).StatusCode);
        }

        var created = await CliAsync(environment, "tenants", "create", "AI desk", "--server", server, "--admin-key", AdminKey);
        var key = created.Output.Split('\n').Single(l => l.StartsWith("API key", StringComparison.Ordinal)).Split(": ")[1].Trim();
        var tenant = new Dictionary<string, string>(environment) { ["ALERTS_SERVER"] = server, ["ALERTS_API_KEY"] = key };

        var watchlist = await CliAsync(tenant, "watchlists", "create", "China AI", "--id", "china-ai", "--company", "智谱", "--company", "0100.HK");
        Assert.Contains("zhipu, minimax", watchlist.Output, StringComparison.Ordinal);
        var ambiguous = await AlertsProcess.RunAsync(_work, tenant, "watchlists", "add", "china-ai", "科技");
        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("matches several companies", ambiguous.Errors, StringComparison.Ordinal);

        var ruleFile = Path.Combine(_work, "rule.json");
        await File.WriteAllTextAsync(ruleFile, """{"kind":"announcement","id":"filings","name":"STAR filings","companies":{"watchlist":"china-ai"},"categories":["ListingApplication"]}""");
        await CliAsync(tenant, "rules", "create", ruleFile);
        await CliAsync(tenant, "channels", "create", "--id", "desk", "--name", "Desk", "--kind", "Webhook", "--target", desk.Url("/hook").ToString(), "--secret", Delivery.Webhooks.WebhookSecret.Generate());
        var badChannel = await AlertsProcess.RunAsync(_work, tenant, "channels", "create", "--name", "Mei", "--kind", "Email", "--target", "not-an-address");
        Assert.Equal(1, badChannel.ExitCode);
        Assert.Contains("target", badChannel.Errors, StringComparison.Ordinal);
        var badQuiet = await AlertsProcess.RunAsync(_work, tenant, "subscriptions", "create", "--rule", "filings", "--channel", "desk", "--quiet-hours", "22:00-7am");
        Assert.Equal(1, badQuiet.ExitCode);
        Assert.Contains("quietHours.until", badQuiet.Errors, StringComparison.Ordinal);
        await CliAsync(tenant, "subscriptions", "create", "--rule", "filings", "--channel", "desk", "--time-zone", "Asia/Hong_Kong");

        var filing = MarketEvent.Of(Announcement.Create(
            "hkex", "e2e-1", [new IssuerRef("HKEX", "02513", null)], "Application for A-share listing on the STAR Market", "en",
            [AnnouncementCategory.ListingApplication], "x", null, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, await service.PushAsync([filing]));
        await Eventually.HoldsAsync(() => desk.Requests.Count == 1, service.Process);

        var alerts = await CliAsync(tenant, "alert", "list", "--json");
        var alert = Assert.Single(JsonNode.Parse(alerts.Output)!["items"]!.AsArray());
        Assert.Equal("zhipu", (string)alert!["companyId"]!);
        var log = await CliAsync(tenant, "deliveries", "log", "--status", "Delivered");
        Assert.Contains("desk", log.Output, StringComparison.Ordinal);
    }

    private async Task<CommandResult> CliAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var result = await AlertsProcess.RunAsync(_work, environment, arguments);
        Assert.True(result.ExitCode == 0, string.Join(' ', arguments) + "\n" + result);
        return result;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
