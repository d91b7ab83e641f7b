using System.Net;

namespace Alerts.Api.Tests.Endpoints;

public sealed class SubscriptionsTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private TenantClient _tenant = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _tenant = await _server.NewTenantAsync();
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"announcement","id":"r","name":"R","companies":{"any":true}}""");
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"mei","name":"Mei","kind":"Email","target":"mei@example.com"}""");
        await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"lee","name":"Lee","kind":"Email","target":"lee@example.com"}""");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_rule_is_bound_to_channels_and_the_binding_is_changed_and_removed()
    {
        var (created, subscription) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/subscriptions", """{"id":"s","ruleId":"r","channelIds":["mei","mei"]}""");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(["mei"], subscription!["channelIds"]!.AsArray().Select(c => (string)c!));
        var (updated, changed) = await _tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/subscriptions/s", """{"ruleId":"r","channelIds":["mei","lee"]}""");
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal(2, changed!["channelIds"]!.AsArray().Count);
        var (_, list) = await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/subscriptions");
        Assert.Single(list!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await _tenant.Http.SendAsync(HttpMethod.Delete, "/api/v1/subscriptions/s")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/subscriptions/s")).Status);
    }

    [Fact]
    public async Task A_template_per_channel_is_checked_and_kept()
    {
        var (created, _) = await _tenant.Http.SendAsync(
            HttpMethod.Post, "/api/v1/subscriptions", """{"id":"s","ruleId":"r","channelIds":["mei"],"templates":{"mei":{"subject":"{{ company_en }}: {{ title }}"}}}""");

        Assert.Equal(HttpStatusCode.Created, created);
        var stored = Assert.Single(await _server.Store.Subscriptions.ListAsync(_tenant.TenantId, CancellationToken.None));
        Assert.Equal("{{ company_en }}: {{ title }}", stored.Templates!["mei"].Subject);
    }

    [Fact]
    public async Task Quiet_hours_and_a_digest_in_the_subscribers_zone_are_kept()
    {
        var (created, subscription) = await _tenant.Http.SendAsync(
            HttpMethod.Post, "/api/v1/subscriptions",
            """{"id":"s","ruleId":"r","channelIds":["mei"],"timeZone":"Asia/Hong_Kong","quietHours":{"from":"22:00","until":"07:00"},"digest":{"at":["08:00"]}}""");

        Assert.Equal(HttpStatusCode.Created, created);
        var stored = Assert.Single(await _server.Store.Subscriptions.ListAsync(_tenant.TenantId, CancellationToken.None));
        Assert.Equal(("Asia/Hong_Kong", "22:00", "07:00", "08:00"), (stored.TimeZone, stored.QuietHours?.From, stored.QuietHours?.Until, stored.Digest?.At.Single()));
        Assert.Equal("07:00", (string?)subscription!["quietHours"]!["until"]);
    }

    [Theory]
    [InlineData("""{"ruleId":"nope","channelIds":["mei"]}""", "ruleId")]
    [InlineData("""{"ruleId":"r","channelIds":["mei","nope"]}""", "channelIds[1]")]
    [InlineData("""{"ruleId":"r","channelIds":[]}""", "channelIds")]
    [InlineData("""{"ruleId":"r"}""", "channelIds")]
    [InlineData("""{"ruleId":"r","channelIds":["mei"],"template":"x"}""", "template")]
    [InlineData("""{"ruleId":"r","channelIds":["mei"],"quietHours":{"from":"22:00","until":"7am"}}""", "quietHours.until")]
    [InlineData("""{"ruleId":"r","channelIds":["mei"],"timeZone":"Mars/Olympus_Mons","quietHours":{"from":"22:00","until":"07:00"}}""", "timeZone")]
    [InlineData("""{"ruleId":"r","channelIds":["mei"],"digest":{"at":[]}}""", "digest.at")]
    [InlineData("""{"ruleId":"r","channelIds":["mei"],"templates":{"mei":{"subject":"{{ company "}}}""", "templates.mei.subject")]
    [InlineData("""{"ruleId":"r","channelIds":["mei"],"templates":{"lee":{"subject":"{{ title }}"}}}""", "templates.lee")]
    public async Task Invalid_subscriptions_name_the_field_and_nothing_is_written(string body, string field)
    {
        var (status, problem) = await _tenant.Http.SendAsync(HttpMethod.Post, "/api/v1/subscriptions", body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem!["errors"]![field] is not null, problem.ToJsonString());
        Assert.Empty(await _server.Store.Subscriptions.ListAsync(_tenant.TenantId, CancellationToken.None));
    }
}
