using Alerts.Core.Model;
using Alerts.Sources.Edgar;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using static Alerts.Sources.Tests.Feeds.FeedTestKit;

namespace Alerts.Sources.Tests.Edgar;

public class EdgarSubmissionsTests
{
    private static readonly DateTimeOffset LongAgo = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_parallel_arrays_become_one_filing_each_under_its_accession_number()
    {
        var result = EdgarSubmissionsParser.Parse(Fixture.Text("edgar-submissions.json"), LongAgo);

        Assert.Empty(result.Problems);
        Assert.Equal(
            ["edgar:0001140361-26-035325", "edgar:0000320193-26-000010", "edgar:0000320193-26-000009", "edgar:0000320193-25-000079"],
            result.Items.Select(a => a.Id));
        var amendment = result.Items[0];
        Assert.Equal("8-K/A - Apple Inc.: Items 5.02, 9.01", amendment.Title);
        Assert.Equal([new IssuerRef("SEC", "0000320193", "Apple Inc.")], amendment.Issuers);
        Assert.Equal(new Uri("https://www.sec.gov/Archives/edgar/data/320193/000114036126035325/ef20081427_8ka.htm"), amendment.Url);
    }

    [Fact]
    public void Acceptance_time_is_new_york_wall_clock_despite_the_z()
    {
        var filings = EdgarSubmissionsParser.Parse(Fixture.Text("edgar-submissions.json"), LongAgo).Items;

        // 1 September is daylight time (UTC−4), 20 January standard time (UTC−5).
        Assert.Equal(new DateTimeOffset(2026, 9, 2, 0, 30, 35, TimeSpan.Zero), filings[0].PublishedAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(-4), filings[0].PublishedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 1, 20, 11, 1, 0, TimeSpan.Zero), filings[2].PublishedAt.ToUniversalTime());
    }

    [Theory]
    [InlineData(0, new[] { AnnouncementCategory.Other })]
    [InlineData(1, new[] { AnnouncementCategory.Prospectus })]
    [InlineData(2, new[] { AnnouncementCategory.ListingApplication })]
    public void Registration_statements_and_prospectuses_are_listing_events(int index, AnnouncementCategory[] expected) =>
        Assert.Equal(expected, EdgarSubmissionsParser.Parse(Fixture.Text("edgar-submissions.json"), LongAgo).Items[index].Categories);

    [Fact]
    public void Filings_before_the_look_back_are_left_out()
    {
        var since = new DateTimeOffset(2026, 8, 30, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(2, EdgarSubmissionsParser.Parse(Fixture.Text("edgar-submissions.json"), since).Items.Count);
    }

    [Theory]
    [InlineData("{\"cik\":\"1\",\"filings\":{\"recent\":{\"accessionNumber\":[\"a\",\"b\"],\"form\":[\"8-K\"],\"filingDate\":[\"x\",\"y\"],\"acceptanceDateTime\":[\"x\",\"y\"],\"primaryDocument\":[\"x\",\"y\"]}}}", "differ in length")]
    [InlineData("{\"cik\":\"1\",\"filings\":{\"recent\":{\"accessionNumber\":[]}}}", "form")]
    [InlineData("{\"name\":\"x\"}", "no cik")]
    [InlineData("<html>Your request has been blocked</html>", "not valid JSON")]
    public void A_document_of_the_wrong_shape_is_malformed(string json, string message)
    {
        var result = EdgarSubmissionsParser.Parse(json, LongAgo);

        Assert.True(result.IsMalformed);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("320193", "0000320193")]
    [InlineData("CIK0000320193", "0000320193")]
    [InlineData(" 0001045810 ", "0001045810")]
    [InlineData("AAPL", null)]
    public void Cik_entries_are_padded_to_ten_digits(string entry, string? cik) => Assert.Equal(cik, EdgarSubmissionsSource.Cik(entry));

    [Fact]
    public async Task The_source_fetches_each_cik_with_the_declared_agent_and_one_failing_cik_does_not_fail_the_poll()
    {
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            if (request.PathAndQuery.EndsWith("CIK0000320193.json", StringComparison.Ordinal))
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(Fixture.Text("edgar-submissions.json"));
                return;
            }

            context.Response.StatusCode = 404;
        });
        using var http = Http();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 9, 2, 12, 0, 0, TimeSpan.Zero));

        var poll = await Create(EdgarSubmissionsSource.Kind, server.Url("/submissions/"), http, clock, ["320193", "CIK1045810"]).PollAsync(CancellationToken.None);

        Assert.True(poll.Succeeded);
        Assert.Equal(["edgar:0001140361-26-035325", "edgar:0000320193-26-000010"], poll.Events.Select(e => e.Id));
        Assert.Equal(["/submissions/CIK0000320193.json", "/submissions/CIK0001045810.json"], server.Requests.Select(r => r.PathAndQuery));
        Assert.All(server.Requests, r => Assert.Equal("Alerts Tests tests@alerts.example", r.Header("User-Agent")));
        Assert.Equal("CIK0001045810", Assert.Single(poll.Problems).Where);
    }
}
