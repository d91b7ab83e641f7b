using System.Globalization;
using System.Text;
using Alerts.Testing;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// <c>alerts run</c> with a Tencent quote source that lists no symbol: a price rule created through the API on 2513.HK makes
/// the source poll 2513.HK, and the move fires the rule once; the source's status is in the store.
/// </summary>
public sealed class QuotesFollowRulesEndToEndTests : IDisposable
{
    private const string AdminKey = "e2e-admin-key-0123456789abcdef";
    private static readonly TimeSpan HongKong = TimeSpan.FromHours(8);
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-quotes-").FullName;

    [Fact]
    public async Task A_rule_on_a_symbol_no_configuration_lists_is_polled_and_fires_on_the_move()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030");
        await using var tencent = await LoopbackServer.StartAsync(async (request, context) =>
        {
            // Zhipu at HK$496 against a previous close of HK$402 (+23.4%), stamped now so every poll is a new tick.
            var lines = request.PathAndQuery.TrimStart('/')["q=".Length..].Split(',')
                .Where(code => code == "r_hk02513")
                .Select(code => Line(code, DateTimeOffset.UtcNow.ToOffset(HongKong)));
            await context.Response.Body.WriteAsync(gbk.GetBytes(string.Join('\n', lines)));
        });
        await using var desk = await LoopbackServer.StartAsync(204);
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        environment["Alerts__Api__AdminKey"] = AdminKey;
        environment["Alerts__PollSources"] = "true";
        environment["Alerts__Sources__0__Name"] = "tencent-quotes";
        environment["Alerts__Sources__0__Kind"] = "tencent-quotes";
        environment["Alerts__Sources__0__Url"] = tencent.Url("/").ToString();
        environment["Alerts__Sources__0__Schedule"] = "* * * * * *";

        await using (var service = await RunningService.StartAsync(_work, environment))
        {
            var server = $"http://127.0.0.1:{service.Port.ToString(CultureInfo.InvariantCulture)}";
            var created = await CliAsync(environment, "tenants", "create", "Quant desk", "--server", server, "--admin-key", AdminKey);
            var key = created.Output.Split('\n').Single(l => l.StartsWith("API key", StringComparison.Ordinal)).Split(": ")[1].Trim();
            var tenant = new Dictionary<string, string>(environment) { ["ALERTS_SERVER"] = server, ["ALERTS_API_KEY"] = key };
            await CliAsync(tenant, "channels", "create", "--id", "desk", "--name", "Desk", "--kind", "Webhook", "--target", desk.Url("/hook").ToString(), "--secret", CatalogFiles.Secret);
            var ruleFile = Path.Combine(_work, "rule.json");
            await File.WriteAllTextAsync(ruleFile, """
                {"kind":"priceMove","id":"jump","name":"Zhipu +20%","companies":{"companies":["2513.HK"]},"thresholdPercent":20,
                 "direction":"Up","frequency":{"kind":"OncePerTradingDay"},"enabled":false}
                """);
            await CliAsync(tenant, "rules", "create", ruleFile);
            await CliAsync(tenant, "subscriptions", "create", "--rule", "jump", "--channel", "desk");
            Assert.Empty(tencent.Requests); // a disabled rule is not polled for
            await CliAsync(tenant, "rules", "enable", "jump");

            await Eventually.HoldsAsync(() => desk.Requests.Count >= 1, service.Process);
            var pollsAtAlert = tencent.Requests.Count;
            await Eventually.HoldsAsync(() => tencent.Requests.Count >= pollsAtAlert + 3, service.Process);

            Assert.Contains(tencent.Requests, r => r.PathAndQuery == "/q=r_hk02513");
            Assert.Single(desk.Requests);
            Assert.Contains("2513.HK", desk.Requests[0].BodyText, StringComparison.Ordinal);
        }

        var status = await AlertsProcess.RunAsync(_work, environment, "sources", "status");
        Assert.Equal(0, status.ExitCode);
        var row = status.Output.Split('\n').Single(l => l.StartsWith("tencent-quotes", StringComparison.Ordinal));
        Assert.Contains(" yes ", row, StringComparison.Ordinal);
        Assert.DoesNotContain("failed in a row", row, StringComparison.Ordinal);
    }

    private static string Line(string code, DateTimeOffset at)
    {
        var fields = Enumerable.Repeat("0", 50).ToArray();
        (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6]) = ("100", "智谱", "02513", "496.000", "402.000", "410.000", "19389831");
        fields[30] = at.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture);
        return $"v_{code}=\"{string.Join('~', fields)}\";";
    }

    private async Task<CommandResult> CliAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var result = await AlertsProcess.RunAsync(_work, environment, arguments);
        Assert.True(result.ExitCode == 0, string.Join(' ', arguments) + "\n" + result);
        return result;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
