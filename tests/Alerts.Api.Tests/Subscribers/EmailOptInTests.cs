using System.Net;
using System.Text.Json.Nodes;
using Alerts.Delivery.Email;
using Alerts.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Api.Tests.Subscribers;

/// <summary>
/// Double opt-in for email channels (nothing but the confirmation reaches an unconfirmed address) and the one unsubscribe
/// token: the link alert emails carry is the one the one-click endpoint honours.
/// </summary>
public sealed class EmailOptInTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private TenantClient _desk = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _desk = await _server.NewTenantAsync("Desk");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_address_waits_for_its_link_and_only_the_link_switches_it_on()
    {
        var (status, body) = await _desk.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"ana","name":"Ana","kind":"Email","target":"ana@example.com"}""");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.False((bool)body!["enabled"]!);
        Assert.StartsWith("awaiting confirmation", (string)body["disabledReason"]!, StringComparison.Ordinal);
        Assert.Single(Outbox.Files(_server.DataDirectory, "*.eml"));

        // Neither a test send nor switching it on by hand reaches the address.
        (status, body) = await _desk.Http.SendAsync(HttpMethod.Post, "/api/v1/channels/ana/test");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Permanent", (string)body!["outcome"]!);
        Assert.Contains("not confirmed", (string)body["detail"]!, StringComparison.Ordinal);
        (_, body) = await _desk.Http.SendAsync(HttpMethod.Put, "/api/v1/channels/ana", """{"name":"Ana","kind":"Email","enabled":true}""");
        Assert.False((bool)body!["enabled"]!);
        Assert.Equal(2, Outbox.Files(_server.DataDirectory, "*.eml").Count()); // the link again, nothing else

        await _server.ConfirmEmailChannelAsync("ana@example.com");
        Assert.True((await _server.Store.Channels.GetAsync(_desk.TenantId, "ana", CancellationToken.None))!.Enabled);

        // A changed address starts over.
        (_, body) = await _desk.Http.SendAsync(HttpMethod.Put, "/api/v1/channels/ana", """{"name":"Ana","kind":"Email","target":"ana@elsewhere.example"}""");
        Assert.False((bool)body!["enabled"]!);
    }

    [Fact]
    public async Task A_link_for_an_address_the_channel_no_longer_has_confirms_nothing()
    {
        await _desk.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"ana","name":"Ana","kind":"Email","target":"ana@example.com"}""");
        var old = _server.MailedToken("ana@example.com", "/confirm-channel");
        await _desk.Http.SendAsync(HttpMethod.Put, "/api/v1/channels/ana", """{"name":"Ana","kind":"Email","target":"ana@new.example"}""");

        using var anonymous = _server.Client();
        var (status, _) = await anonymous.SendAsync(HttpMethod.Post, "/api/v1/channels/confirm", new JsonObject { ["token"] = old }.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False((await _server.Store.Channels.GetAsync(_desk.TenantId, "ana", CancellationToken.None))!.Enabled);
    }

    [Fact]
    public async Task The_link_alert_emails_carry_unsubscribes_with_one_click_and_switching_back_on_needs_a_new_confirmation()
    {
        await _desk.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"ana","name":"Ana","kind":"Email","target":"ana@example.com"}""");
        await _server.ConfirmEmailChannelAsync("ana@example.com");

        var link = _server.Services.GetRequiredService<IUnsubscribeLinks>().For(_desk.TenantId, "ana")!;
        Assert.Equal(_server.BaseAddress.Authority, link.Authority);
        using var anonymous = _server.Client();
        using var click = await anonymous.PostAsync(link.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        Assert.Equal("unsubscribed by the recipient", (await _server.Store.Channels.GetAsync(_desk.TenantId, "ana", CancellationToken.None))!.DisabledReason);

        var (_, body) = await _desk.Http.SendAsync(HttpMethod.Put, "/api/v1/channels/ana", """{"name":"Ana","kind":"Email","enabled":true}""");
        Assert.False((bool)body!["enabled"]!);
        Assert.StartsWith("awaiting confirmation", (string)body["disabledReason"]!, StringComparison.Ordinal);
    }
}
