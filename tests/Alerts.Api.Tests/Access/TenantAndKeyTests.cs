using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Alerts.Api.Tests.Access;

public sealed class TenantAndKeyTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Admin_creates_a_tenant_whose_first_key_works_and_is_stored_only_as_a_hash()
    {
        using var admin = _server.Client(ApiServer.AdminKey);
        using var response = await admin.PostAsync("/api/v1/tenants", ApiServer.Json("""{"name":"AI desk"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var tenantId = (string)body["tenant"]!["id"]!;
        var key = (string)body["apiKey"]!["key"]!;
        var prefix = (string)body["apiKey"]!["prefix"]!;
        Assert.StartsWith(prefix + "_", key, StringComparison.Ordinal);
        Assert.Equal("AI desk", (string)body["tenant"]!["name"]!);

        var stored = Assert.Single(await _server.Store.ApiKeys.ListAsync(tenantId, CancellationToken.None));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), stored.Hash);
        Assert.DoesNotContain(key, System.Text.Json.JsonSerializer.Serialize(stored), StringComparison.Ordinal);

        using var tenant = _server.Client(key);
        var (status, keys) = await tenant.SendAsync(HttpMethod.Get, "/api/v1/keys");
        Assert.Equal(HttpStatusCode.OK, status);
        var listed = Assert.Single(keys!["items"]!.AsArray());
        Assert.Equal(prefix, (string)listed!["prefix"]!);
        Assert.Null(listed["key"]);
        Assert.NotNull(listed["lastUsedAt"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    [InlineData("alk_000000000000_notarealsecretnotarealsecretnotarealsecret")]
    public async Task Tenant_endpoints_refuse_missing_or_unknown_keys_with_problem_details(string? key)
    {
        using var client = _server.Client(key);
        using var response = await client.GetAsync("/api/v1/watchlists");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_key_with_the_right_id_but_a_different_secret_is_refused()
    {
        var tenant = await _server.NewTenantAsync();
        var forged = tenant.Key[..^4] + (tenant.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = _server.Client(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task Admin_endpoints_refuse_tenant_keys_and_a_wrong_admin_key()
    {
        var tenant = await _server.NewTenantAsync();
        var (status, _) = await tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/tenants", """{"name":"x"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        using var wrong = _server.Client(ApiServer.AdminKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/v1/tenants")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_while_the_tenants_other_keys_keep_working()
    {
        var tenant = await _server.NewTenantAsync();
        var (created, second) = await tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/keys", """{"name":"ci"}""");
        Assert.Equal(HttpStatusCode.Created, created);
        using var secondClient = _server.Client((string)second!["key"]!);
        var firstId = tenant.Key.Substring(4, 12);

        var (revoked, view) = await secondClient.SendAsync(HttpMethod.Delete, "/api/v1/keys/" + firstId);
        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.NotNull(view!["revokedAt"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tenant.Http.GetAsync("/api/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync("/api/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_cannot_revoke_another_tenants_key()
    {
        var mei = await _server.NewTenantAsync("Mei");
        var desk = await _server.NewTenantAsync("Desk");
        var (status, problem) = await desk.Http.SendAsync(HttpMethod.Delete, "/api/v1/keys/" + mei.Key.Substring(4, 12));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(404, (int)problem!["status"]!);
        Assert.Equal(HttpStatusCode.OK, (await mei.Http.GetAsync("/api/v1/keys")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"x","plan":"gold"}""", "plan")]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name":5}""", "name")]
    [InlineData("""not json""", "$")]
    public async Task Creating_a_tenant_with_bad_input_names_the_field_and_creates_nothing(string body, string field)
    {
        using var admin = _server.Client(ApiServer.AdminKey);
        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tenants", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]![field]);
        Assert.Contains(field, (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Empty(await _server.Store.Tenants.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        using var admin = _server.Client(ApiServer.AdminKey);
        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/v1/tenants", new JsonObject { ["name"] = new string('x', 70_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, (int)problem!["status"]!);
        Assert.Empty(await _server.Store.Tenants.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Health_and_readiness_answer_without_a_key()
    {
        using var anonymous = _server.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/health")).StatusCode);
        var (status, body) = await anonymous.SendAsync(HttpMethod.Get, "/api/v1/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", (string)body!["status"]!);
    }
}
