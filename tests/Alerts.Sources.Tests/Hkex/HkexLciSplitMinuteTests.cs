using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Sources.Feeds;
using Alerts.Sources.Hkex;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Hkex;

/// <summary>
/// Documents filed in the same minute for the same stock under the same headlines are told apart by their order (newsId)
/// among each other. When such a group spans two pages, and the two languages split it at different rows, each document
/// still gets one id, the same in both languages, and the same id it had in an earlier poll.
/// </summary>
public class HkexLciSplitMinuteTests
{
    [Fact]
    public async Task A_group_split_differently_in_each_language_pairs_every_document_on_a_cold_start()
    {
        var files = new Dictionary<string, string>
        {
            ["lcisehk1relsde_1.json"] = Page(2, Row(200, "18:07", "Notice X"), Row(103, "18:05", "Results A3"), Row(102, "18:05", "Results A2")),
            ["lcisehk1relsde_2.json"] = Page(2, Row(101, "18:05", "Results A1"), Row(90, "18:00", "Notice Z")),
            ["lcisehk1relsdc_1.json"] = Page(2, Row(1200, "18:07", "通告 X"), Row(1103, "18:05", "業績 A3")),
            ["lcisehk1relsdc_2.json"] = Page(2, Row(1102, "18:05", "業績 A2"), Row(1101, "18:05", "業績 A1"), Row(1090, "18:00", "通告 Z")),
        };

        var poll = await PollAsync(files, cursor: null);

        Assert.True(poll.Succeeded, poll.Error?.ToString());
        Assert.Equal(4, poll.Events.Count);
        Assert.Equal(4, poll.Events.Select(e => e.Id).Distinct().Count());
        foreach (var n in new[] { 1, 2, 3 })
        {
            var document = Assert.Single(poll.Events, e => e.Announcement!.Title == "Results A" + n).Announcement!;
            Assert.EndsWith("-" + n.ToString(CultureInfo.InvariantCulture), document.SourceId, StringComparison.Ordinal);
            Assert.Equal("業績 A" + n, Assert.Single(document.Translations!).Title);
        }
    }

    [Fact]
    public async Task A_new_document_whose_group_continues_on_the_next_page_does_not_take_the_id_of_one_seen_before()
    {
        var before = new Dictionary<string, string>
        {
            ["lcisehk1relsde_1.json"] = Page(1, Row(101, "18:05", "Results A1"), Row(90, "18:00", "Notice Z")),
            ["lcisehk1relsdc_1.json"] = Page(1, Row(1101, "18:05", "業績 A1"), Row(1090, "18:00", "通告 Z")),
        };
        var first = await PollAsync(before, cursor: null);
        // A2 and A3 join A1's minute, and two later filings push the group across the page boundary.
        var after = new Dictionary<string, string>
        {
            ["lcisehk1relsde_1.json"] = Page(2, Row(205, "18:09", "Notice N2"), Row(204, "18:08", "Notice N1"), Row(103, "18:05", "Results A3")),
            ["lcisehk1relsde_2.json"] = Page(2, Row(102, "18:05", "Results A2"), Row(101, "18:05", "Results A1"), Row(90, "18:00", "Notice Z")),
            ["lcisehk1relsdc_1.json"] = Page(2, Row(1205, "18:09", "通告 N2"), Row(1204, "18:08", "通告 N1"), Row(1103, "18:05", "業績 A3")),
            ["lcisehk1relsdc_2.json"] = Page(2, Row(1102, "18:05", "業績 A2"), Row(1101, "18:05", "業績 A1"), Row(1090, "18:00", "通告 Z")),
        };

        var second = await PollAsync(after, first.Cursor);

        var a1 = Assert.Single(first.Events, e => e.Announcement!.Title == "Results A1").Id;
        var ids = second.Events.ToDictionary(e => e.Announcement!.Title, e => e.Id);
        Assert.Equal(a1, ids["Results A1"]);
        Assert.Equal(3, new[] { ids["Results A1"], ids["Results A2"], ids["Results A3"] }.Distinct().Count());
        Assert.All(second.Events, e => Assert.Single(e.Announcement!.Translations!));
    }

    [Fact]
    public async Task A_minute_that_cannot_be_closed_is_left_for_the_next_poll_instead_of_guessing_ids()
    {
        var files = new Dictionary<string, string>
        {
            ["lcisehk1relsde_1.json"] = Page(2, Row(200, "18:07", "Notice X"), Row(103, "18:05", "Results A3")),
            ["lcisehk1relsdc_1.json"] = Page(2, Row(1200, "18:07", "通告 X"), Row(1103, "18:05", "業績 A3")),
        }; // page 2 of each is missing (404)

        var poll = await PollAsync(files, cursor: null);

        Assert.True(poll.Succeeded);
        Assert.Equal(["Notice X"], poll.Events.Select(e => e.Announcement!.Title));
        Assert.Null(poll.Cursor); // the next poll reads the minute again
        Assert.Contains(poll.Problems, p => p.Message.Contains("continue past the pages read", StringComparison.Ordinal));
    }

    private static async Task<FeedPoll> PollAsync(Dictionary<string, string> files, string? cursor)
    {
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (!files.TryGetValue(request.PathAndQuery.Split('/')[^1], out var body))
            {
                context.Response.StatusCode = 404;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        using var http = Http();
        var source = new HkexLciSource(http, new FeedSourceOptions { Name = "lci", Kind = "hkex-lci", Url = server.Url("/ncms/json/eds/lcisehk1relsde_1.json") });
        return await source.PollAsync(cursor, CancellationToken.None);
    }

    private static string Page(int pages, params JsonNode[] rows) =>
        new JsonObject { ["genDate"] = "1", ["maxNumOfFile"] = pages, ["newsInfoLst"] = new JsonArray(rows) }.ToJsonString();

    private static JsonNode Row(int newsId, string time, string title) => new JsonObject
    {
        ["newsId"] = newsId, ["title"] = title, ["relTime"] = "10/04/2026 " + time,
        ["stock"] = new JsonArray(new JsonObject { ["sc"] = "02513", ["sn"] = "ZHIPU" }),
        ["webPath"] = $"/listedco/listconews/sehk/2026/0410/{newsId}.pdf", ["t1Code"] = "10000", ["t2Code"] = "13300",
    };
}
