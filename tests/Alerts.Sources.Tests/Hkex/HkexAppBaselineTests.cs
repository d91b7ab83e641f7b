using System.Collections.Concurrent;
using Alerts.Sources.Feeds;
using Alerts.Sources.Hkex;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Hkex;

/// <summary>
/// The IPO pipeline's snapshot diff runs against the baseline the last poll left in the stored cursor, so a restart neither
/// re-announces nor misses what changed, and a first-ever poll announces only recent documents and no status.
/// </summary>
public class HkexAppBaselineTests
{
    private static readonly ManualTimeProvider Clock = new(new DateTimeOffset(2026, 1, 13, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task After_a_restart_only_what_changed_since_the_stored_baseline_raises_events()
    {
        var files = Files(
            active: List(Row(200001, Doc("Application Proof (1st submission)", "ap1.pdf")), Row(200002, Doc("Application Proof (1st submission)", "ap2.pdf"))),
            inactive: List(Row(100001, status: "LP")));
        await using var server = await Serve(files);
        using var http = Http();
        var cursor = (await Source(server, http).PollAsync(null, CancellationToken.None)).Cursor;

        // While the service is down: 200001 posts its PHIP, 100003 is withdrawn, 100004 lists; 200002 does not move.
        files["appactive_app_sehk_e.json"] = List(
            Row(200001, Doc("Post Hearing Information Pack", "phip1.pdf") + "," + Doc("Application Proof (1st submission)", "ap1.pdf")),
            Row(200002, Doc("Application Proof (1st submission)", "ap2.pdf")));
        files["appinactive_sehk_e.json"] = List(Row(100001, status: "LP"), Row(100003, status: "W"));
        files["applisted_sehk_e.json"] = List(Row(100004));
        var restarted = await Source(server, http).PollAsync(cursor, CancellationToken.None);
        var again = await Source(server, http).PollAsync(restarted.Cursor, CancellationToken.None);

        Assert.True(restarted.Succeeded, restarted.Error?.ToString());
        // 200001's documents are offered again (its old filing is the same event id, so the store keeps it once); 200002's are not.
        Assert.Equal(
            ["hkex-app:200001:phip1.pdf", "hkex-app:200001:ap1.pdf", "hkex-app:100003:W", "hkex-app:100004:LISTED"],
            restarted.Events.Select(e => e.Id));
        Assert.Empty(again.Events);
    }

    [Fact]
    public async Task A_first_ever_poll_sets_the_baseline_announcing_only_documents_inside_the_look_back()
    {
        var inactive = List([.. Enumerable.Range(100001, 300).Select(id => Row(id, status: id % 2 == 0 ? "LP" : "W"))]);
        var files = Files(
            active: List(
                Row(200001, Doc("Application Proof (1st submission)", "old.pdf", "12/11/2025")),
                Row(200002, Doc("Application Proof (1st submission)", "new.pdf", "12/01/2026"))),
            inactive: inactive,
            listed: List([.. Enumerable.Range(300001, 200).Select(id => Row(id))]));
        await using var server = await Serve(files);
        using var http = Http();

        var first = await Source(server, http).PollAsync(null, CancellationToken.None);

        Assert.Equal(["hkex-app:200002:new.pdf"], first.Events.Select(e => e.Id));
        Assert.NotNull(first.Cursor);
        Assert.Empty((await Source(server, http).PollAsync(first.Cursor, CancellationToken.None)).Events);
    }

    [Fact]
    public async Task A_list_that_cannot_be_read_keeps_its_baseline_so_its_changes_are_found_when_it_is_back()
    {
        var files = Files(inactive: List(Row(100001, status: "LP")));
        var inactiveDown = false;
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            var file = request.PathAndQuery.Split('/')[^1];
            if (inactiveDown && file == "appinactive_sehk_e.json")
            {
                context.Response.StatusCode = 503;
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(files[file]);
        });
        using var http = Http();
        var first = await Source(server, http).PollAsync(null, CancellationToken.None);
        inactiveDown = true;
        var down = await Source(server, http).PollAsync(first.Cursor, CancellationToken.None);
        inactiveDown = false;
        files["appinactive_sehk_e.json"] = List(Row(100001, status: "LP"), Row(100002, status: "RJ"));
        var back = await Source(server, http).PollAsync(down.Cursor, CancellationToken.None);

        Assert.True(down.Succeeded);
        Assert.Contains(down.Problems, p => p.Where == "appinactive_sehk_e.json" && p.Message.Contains("baseline is kept", StringComparison.Ordinal));
        Assert.Equal(["hkex-app:100002:RJ"], back.Events.Select(e => e.Id));
    }

    [Fact]
    public async Task A_baseline_of_thousands_of_applications_stays_small_enough_for_a_status_row()
    {
        var files = Files(
            inactive: List([.. Enumerable.Range(100001, 3000).Select(id => Row(id, status: "LP"))]),
            listed: List([.. Enumerable.Range(300001, 2000).Select(id => Row(id))]));
        await using var server = await Serve(files);
        using var http = Http();

        var cursor = (await Source(server, http).PollAsync(null, CancellationToken.None)).Cursor!;

        Assert.InRange(cursor.Length, 1, 70_000); // a Table Storage row of this store holds 128 Ki characters
    }

    [Fact]
    public async Task A_cursor_this_version_did_not_write_is_a_first_ever_poll()
    {
        await using var server = await Serve(Files(inactive: List(Row(100001, status: "LP"))));
        using var http = Http();

        var poll = await Source(server, http).PollAsync("hkex-lci:some-other-cursor", CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Empty(poll.Events);
    }

    private static IPagedFeedSource Source(LoopbackServer server, HttpClient http) =>
        (IPagedFeedSource)Create(HkexAppSource.Kind, server.Url("/ncms/json/eds/appactive_app_sehk_e.json"), http, Clock);

    private static Task<LoopbackServer> Serve(ConcurrentDictionary<string, string> files) =>
        LoopbackServer.StartAsync(async (request, context) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(files[request.PathAndQuery.Split('/')[^1]]);
        });

    private static ConcurrentDictionary<string, string> Files(string? active = null, string? phip = null, string? inactive = null, string? listed = null) =>
        new()
        {
            ["appactive_app_sehk_e.json"] = active ?? List(),
            ["appactive_appphip_sehk_e.json"] = phip ?? List(),
            ["appinactive_sehk_e.json"] = inactive ?? List(),
            ["applisted_sehk_e.json"] = listed ?? List(),
        };

    private static string List(params string[] rows) => "{\"app\":[" + string.Join(",", rows) + "]}";

    private static string Row(int id, string docs = "", string status = "A") =>
        $$"""{"id":{{id}},"d":"12/01/2026","a":"Applicant {{id}} Limited","s":"{{status}}","ls":[{{docs}}],"ps":[]}""";

    private static string Doc(string form, string path, string date = "12/01/2026") =>
        $$"""{"d":"{{date}}","nF":"{{form}}","u1":"{{path}}"}""";
}
