using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>
/// <c>alerts run</c> with an EDGAR submissions source that lists no CIK: a rule on a watchlist holding a company with a CIK,
/// imported while the service runs, makes the source fetch that CIK's submissions (with the declared User-Agent), and its
/// S-1 raises one alert; its 10-Q none.
/// </summary>
public sealed class EdgarFollowsWatchlistsEndToEndTests : IDisposable
{
    private const string Cik = "0009990001";
    private const string UserAgent = "Alerts E2E e2e@alerts.example";
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-edgar-").FullName;

    [Fact]
    public async Task A_watched_companys_cik_is_polled_and_its_registration_statement_alerts_once()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var acceptedAt = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-1), newYork);
        await using var sec = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (request.PathAndQuery != $"/submissions/CIK{Cik}.json")
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Submissions(acceptedAt));
        });
        var received = new ConcurrentBag<string>();
        await using var desk = await LoopbackServer.StartAsync(async (request, context) =>
        {
            received.Add(request.BodyText);
            context.Response.StatusCode = 204;
            await Task.CompletedTask;
        });
        var environment = CatalogFiles.Environment(Path.Combine(_work, "data"));
        environment["Alerts__PollSources"] = "true";
        environment["Alerts__Sources__0__Name"] = "edgar-submissions";
        environment["Alerts__Sources__0__Kind"] = "edgar-submissions";
        environment["Alerts__Sources__0__Url"] = sec.Url("/submissions/").ToString();
        environment["Alerts__Sources__0__UserAgent"] = UserAgent;
        environment["Alerts__Sources__0__Schedule"] = "* * * * * *";
        environment["Alerts__CatalogMaxAge"] = "00:00:01";
        var catalog = Path.Combine(_work, "catalog.json");
        await File.WriteAllTextAsync(catalog, Catalog(desk.Url("/hooks/desk"), withRule: false));
        await ImportAsync(environment, catalog);

        await using (var service = await RunningService.StartAsync(_work, environment))
        {
            // The rule arrives while the service runs (another process writes it): picked up within the catalog's cache age.
            await File.WriteAllTextAsync(catalog, Catalog(desk.Url("/hooks/desk"), withRule: true));
            await ImportAsync(environment, catalog);
            await Eventually.HoldsAsync(() => !received.IsEmpty, service.Process);
            var pollsAtAlert = sec.Requests.Count;
            await Eventually.HoldsAsync(() => sec.Requests.Count >= pollsAtAlert + 3, service.Process);
        }

        Assert.All(sec.Requests, r => Assert.Equal($"/submissions/CIK{Cik}.json", r.PathAndQuery));
        Assert.All(sec.Requests, r => Assert.Equal(UserAgent, r.Header("User-Agent")));
        var alert = Assert.Single(received);
        Assert.Contains("0009990001-26-000002", alert, StringComparison.Ordinal);
        Assert.Contains("S-1", alert, StringComparison.Ordinal);
    }

    private async Task ImportAsync(Dictionary<string, string> environment, string catalog)
    {
        var imported = await AlertsProcess.RunAsync(_work, environment, "import", catalog);
        Assert.True(imported.ExitCode == 0, imported.ToString());
    }

    private static string Catalog(Uri webhook, bool withRule) => new JsonObject
    {
        ["companies"] = new JsonArray(new JsonObject
        {
            ["id"] = "example-robotics", ["names"] = new JsonArray("Example Robotics Inc."), ["listings"] = new JsonArray(), ["cik"] = "9990001",
        }),
        ["watchlists"] = new JsonArray(new JsonObject { ["id"] = "us-ipos", ["name"] = "US IPOs", ["entries"] = new JsonArray("Example Robotics Inc.") }),
        ["channels"] = new JsonArray(new JsonObject
        {
            ["id"] = "desk", ["name"] = "Desk", ["kind"] = "Webhook", ["target"] = webhook.ToString(), ["secret"] = CatalogFiles.Secret,
        }),
        ["rules"] = withRule
            ? new JsonArray(new JsonObject
            {
                ["kind"] = "announcement", ["id"] = "us-filings", ["name"] = "US listing filings",
                ["companies"] = new JsonObject { ["watchlist"] = "us-ipos" },
                ["categories"] = new JsonArray("ListingApplication", "Prospectus"),
            })
            : new JsonArray(),
        ["subscriptions"] = withRule
            ? new JsonArray(new JsonObject { ["id"] = "s1", ["ruleId"] = "us-filings", ["channelIds"] = new JsonArray("desk") })
            : new JsonArray(),
    }.ToJsonString();

    /// <summary>An S-1 and a 10-Q, accepted an hour ago; the acceptance time is New York wall clock with a "Z", as SEC writes it.</summary>
    private static string Submissions(DateTimeOffset acceptedAt)
    {
        var stamp = acceptedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + ".000Z";
        var date = acceptedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["cik"] = Cik, ["name"] = "Example Robotics Inc.",
            ["filings"] = new JsonObject
            {
                ["recent"] = new JsonObject
                {
                    ["accessionNumber"] = new JsonArray("0009990001-26-000002", "0009990001-26-000001"),
                    ["form"] = new JsonArray("S-1", "10-Q"),
                    ["filingDate"] = new JsonArray(date, date),
                    ["acceptanceDateTime"] = new JsonArray(stamp, stamp),
                    ["primaryDocument"] = new JsonArray("s1.htm", "q.htm"),
                    ["items"] = new JsonArray(string.Empty, string.Empty),
                },
            },
        }.ToJsonString();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
