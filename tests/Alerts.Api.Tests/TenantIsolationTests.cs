using System.Net;
using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Testing;

namespace Alerts.Api.Tests;

/// <summary>One tenant's data, set up once; another tenant calls every endpoint that takes an id with the first tenant's ids.</summary>
public sealed class IsolationFixture : IAsyncLifetime
{
    public ApiServer Server { get; private set; } = null!;

    public TenantClient Owner { get; private set; } = null!;

    public TenantClient Intruder { get; private set; } = null!;

    public string OwnerKeyId => Owner.Key.Substring(4, 12);

    public async Task InitializeAsync()
    {
        // Every row of the matrix reads the owner's whole state twice: well over the default per-key limit.
        Server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Alerts:Api:RequestsPerWindow"] = "100000" });
        Owner = await Server.NewTenantAsync("Owner");
        Intruder = await Server.NewTenantAsync("Intruder");
        foreach (var (path, body) in new[]
        {
            ("/api/v1/watchlists", """{"id":"w","name":"W","companies":["Zhipu"]}"""),
            ("/api/v1/rules", """{"kind":"announcement","id":"r","name":"R","companies":{"watchlist":"w"}}"""),
            ("/api/v1/channels", """{"id":"c","name":"C","kind":"Email","target":"owner@example.com"}"""),
            ("/api/v1/subscriptions", """{"id":"s","ruleId":"r","channelIds":["c"]}"""),
        })
        {
            var (status, answer) = await Owner.Http.SendAsync(HttpMethod.Post, path, body);
            Assert.True(status == HttpStatusCode.Created, answer?.ToJsonString());
        }

        Assert.Equal(HttpStatusCode.OK, (await Owner.Http.SendAsync(HttpMethod.Put, "/api/v1/aliases/ZAI", """{"company":"Zhipu"}""")).Status);
        var at = new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero);
        await Server.Store.Alerts.TryAddAsync(Endpoints.AlertsAndDeliveriesTests.NewAlert(Owner.TenantId, "a", "zhipu", "r", AnnouncementCategory.ListingApplication, at), CancellationToken.None);
        await Server.Store.Deliveries.TryAddAsync(new Core.Model.Delivery(Owner.TenantId, "d", "a", "c", ChannelKind.Email, DeliveryStatus.DeadLettered, 8, at, at), CancellationToken.None);
    }

    /// <summary>Everything the owner can read, as one string.</summary>
    public async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/api/v1/watchlists", "/api/v1/rules", "/api/v1/channels", "/api/v1/subscriptions", "/api/v1/aliases", "/api/v1/alerts", "/api/v1/deliveries" })
        {
            var (status, body) = await Owner.Http.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.OK, status);
            parts.Add(path + " " + body!.ToJsonString());
        }

        var keys = await Server.Store.ApiKeys.ListAsync(Owner.TenantId, CancellationToken.None);
        parts.Add("revoked keys " + keys.Count(k => k.RevokedAt is not null));
        return string.Join("\n", parts);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class TenantIsolationTests(IsolationFixture fixture) : IClassFixture<IsolationFixture>
{
    private const string Missing = "no-such-id";

    public static TheoryData<string, string, string?> Calls => new()
    {
        { "GET", "/api/v1/watchlists/{id}", null },
        { "PUT", "/api/v1/watchlists/{id}", """{"name":"taken","companies":[]}""" },
        { "DELETE", "/api/v1/watchlists/{id}", null },
        { "POST", "/api/v1/watchlists/{id}/companies", """{"company":"MiniMax"}""" },
        { "DELETE", "/api/v1/watchlists/{id}/companies/zhipu", null },
        { "GET", "/api/v1/rules/{id}", null },
        { "PUT", "/api/v1/rules/{id}", """{"kind":"announcement","name":"taken","companies":{"any":true}}""" },
        { "DELETE", "/api/v1/rules/{id}", null },
        { "POST", "/api/v1/rules/{id}/enable", null },
        { "POST", "/api/v1/rules/{id}/disable", null },
        { "POST", "/api/v1/rules/{id}/dry-run", null },
        { "GET", "/api/v1/channels/{id}", null },
        { "PUT", "/api/v1/channels/{id}", """{"name":"taken","kind":"Email","target":"thief@example.com"}""" },
        { "DELETE", "/api/v1/channels/{id}", null },
        { "POST", "/api/v1/channels/{id}/test", null },
        { "GET", "/api/v1/subscriptions/{id}", null },
        { "PUT", "/api/v1/subscriptions/{id}", """{"ruleId":"r","channelIds":["c"]}""" },
        { "DELETE", "/api/v1/subscriptions/{id}", null },
        { "GET", "/api/v1/alerts/{id}", null },
        { "GET", "/api/v1/deliveries/{id}", null },
        { "POST", "/api/v1/deliveries/{id}/redeliver", null },
        { "DELETE", "/api/v1/aliases/{id}", null },
        { "DELETE", "/api/v1/keys/{id}", null },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Another_tenants_id_answers_exactly_like_a_missing_one_and_changes_nothing(string method, string template, string? body)
    {
        var ownerId = template switch
        {
            var t when t.Contains("/watchlists/", StringComparison.Ordinal) => "w",
            var t when t.Contains("/rules/", StringComparison.Ordinal) => "r",
            var t when t.Contains("/channels/", StringComparison.Ordinal) => "c",
            var t when t.Contains("/subscriptions/", StringComparison.Ordinal) => "s",
            var t when t.Contains("/alerts/", StringComparison.Ordinal) => "a",
            var t when t.Contains("/deliveries/", StringComparison.Ordinal) => "d",
            var t when t.Contains("/aliases/", StringComparison.Ordinal) => "ZAI",
            _ => fixture.OwnerKeyId,
        };
        var before = await fixture.SnapshotAsync();

        var (status, problem) = await fixture.Intruder.Http.SendAsync(new HttpMethod(method), template.Replace("{id}", ownerId, StringComparison.Ordinal), body);
        var (missingStatus, missingProblem) = await fixture.Intruder.Http.SendAsync(new HttpMethod(method), template.Replace("{id}", Missing, StringComparison.Ordinal), body);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(missingStatus, status);
        Assert.Equal(Shape(missingProblem!, Missing), Shape(problem!, ownerId));
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    /// <summary>A problem without what differs per request anyway: the trace id and the id asked for.</summary>
    private static string Shape(JsonNode problem, string id) =>
        string.Join("|", (string?)problem["type"], (string?)problem["title"], (int?)problem["status"], ((string?)problem["detail"])?.Replace($"'{id}'", "'ID'", StringComparison.Ordinal));

    [Fact]
    public async Task Lists_show_only_the_callers_own_rows_and_references_to_another_tenants_rows_are_unknown()
    {
        foreach (var path in new[] { "/api/v1/watchlists", "/api/v1/rules", "/api/v1/channels", "/api/v1/subscriptions", "/api/v1/aliases", "/api/v1/alerts", "/api/v1/deliveries" })
        {
            var (_, list) = await fixture.Intruder.Http.SendAsync(HttpMethod.Get, path);
            Assert.Empty(list!["items"]!.AsArray());
        }

        var (_, found) = await fixture.Intruder.Http.SendAsync(HttpMethod.Get, "/api/v1/companies?q=ZAI");
        Assert.Empty(found!["items"]!.AsArray());

        var (status, problem) = await fixture.Intruder.Http.SendAsync(HttpMethod.Post, "/api/v1/subscriptions", """{"ruleId":"r","channelIds":["c"]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("no rule 'r'", (string)problem!["errors"]!["ruleId"]![0]!);
        (status, problem) = await fixture.Intruder.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"announcement","name":"x","companies":{"watchlist":"w"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["companies.watchlist"]);

        var before = await fixture.SnapshotAsync();
        var (accepted, result) = await fixture.Intruder.Http.SendAsync(HttpMethod.Post, "/api/v1/deliveries/redeliver", new JsonObject { ["since"] = "2000-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        Assert.Empty(result!["redelivered"]!.AsArray());
        Assert.Equal(before, await fixture.SnapshotAsync());
    }
}
