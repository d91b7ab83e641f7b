using System.Text;
using Alerts.Sources.Feeds;
using Alerts.Testing;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>A body whose bytes are not text in its declared charset is rejected naming the source, never parsed into garbled rows.</summary>
public class EncodingTests
{
    private const string Row = """{"genDate":"1","maxNumOfFile":1,"newsInfoLst":[{"newsId":1,"title":"智譜公告","relTime":"10/04/2026 22:55","stock":[{"sc":"02513","sn":"智譜"}],"webPath":"/a_c.pdf","t1Code":"10000","t2Code":"11200"}]}""";

    private static byte[] In(string encoding, string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(encoding).GetBytes(text);
    }

    private static async Task<FeedPoll> PollAsync(byte[] body, string contentType)
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body);
        });
        using var http = Http();
        return await Create("hkex-lci", server.Url("/ncms/json/eds/lcisehk1relsdc_1.json"), http).PollAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Big5_bytes_declared_as_utf8_are_rejected_naming_the_source()
    {
        var poll = await PollAsync(In("big5", Row), "application/json; charset=utf-8");

        Assert.Equal(FeedErrorKind.Malformed, poll.Error!.Kind);
        Assert.Contains("hkex-lci-test", poll.Error.Message, StringComparison.Ordinal);
        Assert.Contains("does not decode as utf-8", poll.Error.Message, StringComparison.Ordinal);
        Assert.Contains("retries", poll.Error.Message, StringComparison.Ordinal);
        Assert.Empty(poll.Events);
    }

    [Fact]
    public async Task A_body_garbled_upstream_into_replacement_characters_is_rejected()
    {
        var poll = await PollAsync(Encoding.UTF8.GetBytes(Row.Replace("智譜公告", "\uFFFD\uFFFD公告", StringComparison.Ordinal)), "application/json");

        Assert.Equal(FeedErrorKind.Malformed, poll.Error!.Kind);
        Assert.Contains("U+FFFD", poll.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Big5_bytes_declared_as_big5_are_read()
    {
        var poll = await PollAsync(In("big5", Row), "application/json; charset=big5");

        Assert.True(poll.Succeeded, poll.Error?.ToString());
        Assert.Equal("智譜公告", Assert.Single(poll.Events).Announcement!.Title);
    }
}
