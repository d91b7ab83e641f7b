using Alerts.Sources.Feeds;
using Alerts.Sources.Edgar;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Edgar;

/// <summary>The source against a loopback stand-in: the request it sends and what it makes of a real-format answer.</summary>
public class EdgarAtomSourceTests
{
    [Fact]
    public async Task Edgar_sends_the_declared_agent_and_honours_the_latin1_declaration()
    {
        var body = Fixture.Bytes("edgar-current.latin1.xml");
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "application/atom+xml";
            await context.Response.Body.WriteAsync(body);
        });
        using var http = Http();

        var poll = await Create("edgar-current", server.Url("/cgi-bin/browse-edgar?action=getcurrent&output=atom"), http).PollAsync(CancellationToken.None);

        Assert.Equal(3, poll.Events.Count);
        Assert.Contains(poll.Events, e => e.Announcement!.Issuers.Any(i => i.Name == "SOCIÉTÉ EXEMPLE CORP"));
        Assert.Equal("Alerts Tests tests@alerts.example", server.Requests[0].Header("User-Agent"));
    }

    [Fact]
    public async Task Edgar_without_a_declared_agent_refuses_to_poll()
    {
        await using var server = await LoopbackServer.StartAsync(200, "");
        using var http = Http();
        var source = new EdgarAtomSource(http, new FeedSourceOptions { Name = "edgar", Kind = "edgar-current", Url = server.Url("/") });

        var poll = await source.PollAsync(CancellationToken.None);

        Assert.Equal(FeedErrorKind.Rejected, poll.Error!.Kind);
        Assert.Empty(server.Requests);
    }
}
