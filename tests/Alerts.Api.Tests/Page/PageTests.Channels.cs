using System.Net;

namespace Alerts.Api.Tests.Page;

/// <summary>Channels on the page: removal behind a confirmation (plain forms, no script), turning off, renaming.</summary>
public sealed partial class PageTests
{
    [Fact]
    public async Task Removing_a_channel_asks_first_then_takes_it_off_the_rules_that_also_send_elsewhere()
    {
        var team = await _server.NewTenantAsync("Quant desk");
        await team.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"slack","name":"Desk Slack","kind":"Slack","target":"https://hooks.slack.com/services/T0/B0/secret"}""");
        await team.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"discord","name":"Desk Discord","kind":"Discord","target":"https://discord.com/api/webhooks/1/secret"}""");
        await team.Http.SendAsync(HttpMethod.Post, "/api/v1/rules", """{"kind":"announcement","id":"r","name":"Filings","companies":{"any":true}}""");
        await team.Http.SendAsync(HttpMethod.Post, "/api/v1/subscriptions", """{"id":"s","ruleId":"r","channelIds":["slack","discord"]}""");
        using var client = Browser(out _);
        using (var signIn = await PostFormAsync(client, "/", "/sign-in/key", ("key", team.Key)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        }

        using (var confirm = await client.GetAsync("/channels/remove?channel=slack"))
        {
            var html = WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
            Assert.Contains("Remove “Desk Slack”?", html, StringComparison.Ordinal);
            Assert.Contains("The rule “Filings” will keep sending to its other channels", html, StringComparison.Ordinal);
        }

        Assert.NotNull(await _server.Store.Channels.GetAsync(team.TenantId, "slack", CancellationToken.None)); // asking removes nothing

        using (var removed = await PostFormAsync(client, "/channels/remove?channel=slack", "/channels/remove", ("channel", "slack")))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            Assert.Contains("“Desk Slack” is removed", WebUtility.HtmlDecode(await removed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Null(await _server.Store.Channels.GetAsync(team.TenantId, "slack", CancellationToken.None));
        Assert.Equal(["discord"], (await _server.Store.Subscriptions.ListAsync(team.TenantId, CancellationToken.None)).Single().ChannelIds);

        // Now Discord is the rule's only channel: removing it is refused, and says why.
        using var refused = await PostFormAsync(client, "/channels/remove?channel=discord", "/channels/remove", ("channel", "discord"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("It is the only channel of the rule “Filings”", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotNull(await _server.Store.Channels.GetAsync(team.TenantId, "discord", CancellationToken.None));
    }

    [Fact]
    public async Task A_channel_is_turned_off_and_renamed_and_a_blank_name_is_refused_next_to_its_field()
    {
        var team = await _server.NewTenantAsync("Quant desk");
        await team.Http.SendAsync(HttpMethod.Post, "/api/v1/channels", """{"id":"slack","name":"Desk Slack","kind":"Slack","target":"https://hooks.slack.com/services/T0/B0/secret"}""");
        using var client = Browser(out _);
        using (var signIn = await PostFormAsync(client, "/", "/sign-in/key", ("key", team.Key)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, signIn.StatusCode);
        }

        using (var off = await PostFormAsync(client, "/channels", "/channels/disable", ("channel", "slack")))
        {
            Assert.Contains("“Desk Slack” is off", WebUtility.HtmlDecode(await off.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.False((await _server.Store.Channels.GetAsync(team.TenantId, "slack", CancellationToken.None))!.Enabled);

        using (var blank = await PostFormAsync(client, "/channels", "/channels/rename", ("channel", "slack"), ("name", " ")))
        {
            var html = await blank.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
            Assert.Contains("id=\"rename-error\"", html, StringComparison.Ordinal);
            Assert.Contains("aria-describedby=\"rename-error\"", html, StringComparison.Ordinal);
        }

        using (var renamed = await PostFormAsync(client, "/channels", "/channels/rename", ("channel", "slack"), ("name", "Research Slack")))
        {
            Assert.Contains("is now called “Research Slack”", WebUtility.HtmlDecode(await renamed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var stored = (await _server.Store.Channels.GetAsync(team.TenantId, "slack", CancellationToken.None))!;
        Assert.Equal("Research Slack", stored.Name);
        Assert.False(stored.Enabled); // renaming leaves it off
    }
}
