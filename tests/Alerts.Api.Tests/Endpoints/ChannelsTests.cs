using System.Net;
using System.Text.Json.Nodes;
using Alerts.Delivery.Webhooks;
using Alerts.Testing;

namespace Alerts.Api.Tests.Endpoints;

public sealed class ChannelsTests : IAsyncLifetime
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
    public async Task Secrets_and_webhook_paths_are_write_only()
    {
        var secret = WebhookSecret.Generate();
        var body = new JsonObject { ["id"] = "desk", ["name"] = "AI desk", ["kind"] = "Webhook", ["target"] = "https://hooks.example.com/T0/secret-path", ["secret"] = secret };
        var (created, view) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", body);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.True((bool)view!["hasSecret"]!);
        Assert.Equal("https://hooks.example.com/…", (string)view["target"]!);

        foreach (var path in new[] { "/api/v1/channels", "/api/v1/channels/desk" })
        {
            using var response = await _tenant.Http.GetAsync(path);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-path", text, StringComparison.Ordinal);
        }

        var (updated, renamed) = await _tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/channels/desk", """{"name":"Desk","kind":"Webhook"}""");
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal("Desk", (string)renamed!["name"]!);
        var stored = await _server.Store.Channels.GetAsync(_tenant.TenantId, "desk", CancellationToken.None);
        Assert.Equal(secret, stored!.Secret);
        Assert.Equal("https://hooks.example.com/T0/secret-path", stored.Target);
    }

    [Theory]
    [InlineData("""{"name":"Mei","kind":"Email","target":"not-an-address"}""", "target")]
    [InlineData("""{"name":"Hook","kind":"Webhook","target":"https://hooks.example.com/x"}""", "secret")]
    [InlineData("""{"name":"Meta","kind":"Slack","target":"http://169.254.169.254/latest"}""", "target")]
    [InlineData("""{"name":"Pager","kind":"Pager","target":"x"}""", "kind")]
    [InlineData("""{"kind":"Email","target":"mei@example.com"}""", "name")]
    [InlineData("""{"name":"Mei","kind":"Email","target":"mei@example.com","cc":"x"}""", "cc")]
    public async Task Invalid_channels_name_the_field_never_echo_the_target_and_nothing_is_written(string body, string field)
    {
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!["errors"]![field] is not null, problem.ToJsonString());
        Assert.DoesNotContain("169.254.169.254/latest", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(await _server.Store.Channels.ListAsync(_tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task Test_send_delivers_a_signed_sample_to_a_webhook_and_reports_the_outcome()
    {
        await using var receiver = await LoopbackServer.StartAsync(204);
        var body = new JsonObject { ["id"] = "hook", ["name"] = "Hook", ["kind"] = "Webhook", ["target"] = receiver.Url("/in").ToString(), ["secret"] = WebhookSecret.Generate() };
        Assert.Equal(HttpStatusCode.Created, (await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", body)).Status);

        var (status, result) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels/hook/test");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Delivered", (string)result!["outcome"]!);
        var request = Assert.Single(receiver.Requests);
        Assert.NotNull(request.Header("webhook-signature"));
        Assert.Empty(await _server.Store.Deliveries.ListAsync(_tenant.TenantId, CancellationToken.None));
    }

    [Fact]
    public async Task Test_send_reports_a_failing_endpoint_as_retryable_with_its_reason()
    {
        await using var receiver = await LoopbackServer.StartAsync(503);
        var body = new JsonObject { ["id"] = "hook", ["name"] = "Hook", ["kind"] = "Webhook", ["target"] = receiver.Url("/in").ToString(), ["secret"] = WebhookSecret.Generate() };
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", body);
        var (_, result) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels/hook/test");
        Assert.Equal("Retryable", (string)result!["outcome"]!);
        Assert.Equal(503, (int)result["statusCode"]!);
        Assert.Equal("ServerError", (string)result["reason"]!);
    }

    [Fact]
    public async Task A_channel_in_use_cannot_be_deleted_and_an_unused_one_can()
    {
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"mei","name":"Mei","kind":"Email","target":"mei@example.com"}""");
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"announcement","id":"r","name":"R","companies":{"any":true}}""");
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/subscriptions", """{"id":"s","ruleId":"r","channelIds":["mei"]}""");
        Assert.Equal(HttpStatusCode.Conflict, (await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/channels/mei")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/subscriptions/s")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/channels/mei")).Status);
    }
}
