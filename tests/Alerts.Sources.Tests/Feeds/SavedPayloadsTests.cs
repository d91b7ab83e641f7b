using Alerts.Sources.Feeds;
using Alerts.Sources.Samples;

namespace Alerts.Sources.Tests.Feeds;

/// <summary>A saved payload goes through the same production parser a poll uses.</summary>
public class SavedPayloadsTests
{
    [Fact]
    public void Every_built_in_kind_has_a_saved_payload_parser() =>
        Assert.Empty(FeedSourceRegistry.Kinds.Select(k => k.Kind).Except(SavedPayloads.Kinds));

    [Fact]
    public void A_saved_hkex_feed_reads_like_a_poll_and_the_file_name_gives_the_language()
    {
        var english = SavedPayloads.Parse("hkex-lci", "lcisehk1relsde_1.json", File.ReadAllBytes(SampleData.PathOf(SampleData.HkexLciEnglishFile)))!;
        var chinese = SavedPayloads.Parse("hkex-lci", "lcisehk1relsdc_1.json", File.ReadAllBytes(SampleData.PathOf("lcisehk1relsdc_1.json")))!;

        Assert.True(english.Succeeded);
        Assert.NotEmpty(english.Events);
        Assert.All(english.Events, e => Assert.Equal("en", e.Announcement!.Language));
        Assert.All(chinese.Events, e => Assert.NotEqual("en", e.Announcement!.Language));
    }

    [Theory]
    [InlineData("hkex-app", "appactive_appphip_sehk_e.json", "hkex-appphip-sample.json")]
    [InlineData("szse-ipo", "projects.json", "szse-ipo-projects.json")]
    [InlineData("edgar-submissions", "CIK0001234567.json", "edgar-submissions.json")]
    public void A_saved_pipeline_list_is_read_by_its_kinds_parser(string kind, string savedAs, string fixture)
    {
        var poll = SavedPayloads.Parse(kind, savedAs, Fixture.Bytes(fixture))!;

        Assert.True(poll.Succeeded, poll.Error?.Message);
        Assert.NotEmpty(poll.Events);
    }

    [Fact]
    public void A_gbk_quote_file_is_read_from_bytes() =>
        Assert.Equal("0700.HK", Assert.Single(SavedPayloads.Parse("tencent-quotes", "q.txt", Fixture.Bytes("tencent-hk00700.gbk.txt"))!.Events).Tick!.Symbol);

    [Fact]
    public void An_unknown_kind_has_no_parser() => Assert.Null(SavedPayloads.Parse("nasdaq", "x.json", []));
}
