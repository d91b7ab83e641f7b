using Microsoft.AspNetCore.DataProtection;
using System.Net;
using Alerts.Api.Subscribers;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Api.Tests.Endpoints;

public sealed class UnsubscribeTests : IAsyncLifetime
{
    private ApiServer _server = null!;
    private TenantClient _mei = null!;
    private TenantClient _lee = null!;
    private UnsubscribeTokens _tokens = null!;

    public async Task InitializeAsync()
    {
        _server = await ApiServer.StartAsync();
        _tokens = _server.Services.GetRequiredService<UnsubscribeTokens>();
        _mei = await _server.NewTenantAsync("Mei");
        _lee = await _server.NewTenantAsync("Lee");
        await _mei.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"mail","name":"Mei","kind":"Email","target":"mei@example.com"}""");
        await _lee.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"mail","name":"Lee","kind":"Email","target":"lee@example.com"}""");
        await _server.ConfirmEmailChannelAsync("mei@example.com");
        await _server.ConfirmEmailChannelAsync("lee@example.com");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task One_click_without_a_key_disables_exactly_the_channel_the_token_names()
    {
        using var anonymous = _server.Client();
        var token = Uri.EscapeDataString(_tokens.Create(_mei.TenantId, "mail"));
        using var page = await anonymous.GetAsync("/api/v1/unsubscribe?token=" + token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True((await _server.Store.Channels.GetAsync(_mei.TenantId, "mail", CancellationToken.None))!.Enabled, "GET must not unsubscribe");

        using var click = await anonymous.PostAsync("/api/v1/unsubscribe?token=" + token, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var mei = await _server.Store.Channels.GetAsync(_mei.TenantId, "mail", CancellationToken.None);
        Assert.False(mei!.Enabled);
        Assert.Equal("unsubscribed by the recipient", mei.DisabledReason);
        Assert.True((await _server.Store.Channels.GetAsync(_lee.TenantId, "mail", CancellationToken.None))!.Enabled);

        using var again = await anonymous.PostAsync("/api/v1/unsubscribe?token=" + token, null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("flip")]
    [InlineData("truncate")]
    public async Task A_forged_or_altered_token_unsubscribes_nobody(string kind)
    {
        var genuine = _tokens.Create(_mei.TenantId, "mail");
        var token = kind switch
        {
            "garbage" => "CfDJ8AAAAAAAAAAAAAAAAAAAAAA",
            "flip" => genuine[..10] + (genuine[10] == 'A' ? 'B' : 'A') + genuine[11..],
            "truncate" => genuine[..^5],
            _ => string.Empty,
        };
        using var anonymous = _server.Client();
        using var response = await anonymous.PostAsync("/api/v1/unsubscribe?token=" + Uri.EscapeDataString(token), null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await _server.Store.Channels.GetAsync(_mei.TenantId, "mail", CancellationToken.None))!.Enabled);
    }

    [Fact]
    public async Task A_token_outlives_a_restart_because_the_keys_are_kept_in_the_data_directory()
    {
        var token = _tokens.Create(_mei.TenantId, "mail");
        var keys = new DirectoryInfo(Path.Combine(_server.DataDirectory, "keys"));
        Assert.NotEmpty(keys.GetFiles("*.xml"));

        // A new process: a provider built from nothing but the key files on disk.
        var restarted = new UnsubscribeTokens(DataProtectionProvider.Create(keys, b => b.SetApplicationName("Alerts")));
        Assert.Equal((_mei.TenantId, "mail"), restarted.Read(token));
    }
}
