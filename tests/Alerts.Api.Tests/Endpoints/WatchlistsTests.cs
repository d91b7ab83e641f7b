using System.Net;
using System.Text.Json.Nodes;

namespace Alerts.Api.Tests.Endpoints;

public sealed class WatchlistsTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private TenantClient _tenant = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _tenant = await _server.NewTenantAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Create_read_update_and_delete_with_companies_stored_as_ids()
    {
        var (created, watchlist) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"china-ai","name":"China AI","companies":["2513.HK","MiniMax","智谱"]}""");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(["zhipu", "minimax"], Entries(watchlist!));

        var (_, read) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/watchlists/china-ai");
        Assert.Equal("China AI", (string)read!["name"]!);

        var (updated, changed) = await _tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/watchlists/china-ai", """{"name":"AI","companies":["Cambricon"]}""");
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal(["cambricon"], Entries(changed!));

        var (_, list) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/watchlists");
        Assert.Single(list!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/watchlists/china-ai")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/watchlists/china-ai")).Status);
    }

    [Fact]
    public async Task Companies_are_added_and_removed_by_code_or_name()
    {
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"w","name":"W"}""");
        var (added, watchlist) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists/w/companies", """{"company":"0700"}""");
        Assert.Equal(HttpStatusCode.OK, added);
        Assert.Equal(["tencent"], Entries(watchlist!));
        (_, watchlist) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists/w/companies", """{"company":"腾讯"}""");
        Assert.Equal(["tencent"], Entries(watchlist!));

        var (removed, emptied) = await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/watchlists/w/companies/" + Uri.EscapeDataString("Tencent Holdings"));
        Assert.Equal(HttpStatusCode.OK, removed);
        Assert.Empty(Entries(emptied!));
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/watchlists/w/companies/tencent")).Status);
    }

    [Fact]
    public async Task An_ambiguous_name_is_an_error_listing_the_candidates_and_changes_nothing()
    {
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"w","name":"W","companies":["BYD"]}""");
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists/w/companies", """{"company":"科技"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = (string)problem!["errors"]!["company"]![0]!;
        Assert.Contains("cambricon", message, StringComparison.Ordinal);
        Assert.Contains("zhipu", message, StringComparison.Ordinal);
        var stored = await _server.Store.Catalog.GetWatchlistAsync(_tenant.TenantId, "w", CancellationToken.None);
        Assert.Equal(["byd"], stored!.Entries);
    }

    [Theory]
    [InlineData("""{"name":"W","companies":["Zhipu","Nobody Ltd"]}""", "companies[1]")]
    [InlineData("""{"name":"","companies":[]}""", "name")]
    [InlineData("""{"name":"W","colour":"red"}""", "colour")]
    [InlineData("""{"companies":[]}""", "name")]
    [InlineData("""{"name":"W","companies":"Zhipu"}""", "companies")]
    [InlineData("""{"id":"has space","name":"W"}""", "id")]
    public async Task Invalid_watchlists_name_the_field_and_nothing_is_written(string body, string field)
    {
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]![field]);
        Assert.Empty(await _server.Store.Watchlists.ListAsync(_tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task A_list_over_the_limit_is_refused()
    {
        var body = new JsonObject { ["name"] = "big", ["companies"] = new JsonArray([.. Enumerable.Repeat("Zhipu", 501).Select(n => (JsonNode)n)]) };
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["companies"]);
    }

    [Fact]
    public async Task Creating_an_existing_id_conflicts_and_a_watchlist_in_use_cannot_be_deleted()
    {
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"w","name":"W","companies":["Zhipu"]}""");
        Assert.Equal(HttpStatusCode.Conflict, (await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/watchlists", """{"id":"w","name":"again"}""")).Status);
        var (rule, _) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"announcement","id":"r","name":"R","companies":{"watchlist":"w"}}""");
        Assert.Equal(HttpStatusCode.Created, rule);
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/watchlists/w");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("'r'", (string)problem!["detail"]!, StringComparison.Ordinal);
    }

    private static List<string> Entries(JsonNode watchlist) => [.. watchlist["entries"]!.AsArray().Select(e => (string)e!)];
}
