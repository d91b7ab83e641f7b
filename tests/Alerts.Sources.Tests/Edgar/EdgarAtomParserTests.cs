using System.Text;
using Alerts.Core.Model;
using Alerts.Sources.Edgar;

namespace Alerts.Sources.Tests.Edgar;

public class EdgarAtomParserTests
{
    private static readonly IReadOnlyList<Announcement> Filings = EdgarAtomParser.Parse(Fixture.Bytes("edgar-current.latin1.xml")).Items;

    [Fact]
    public void Reads_the_captured_entry()
    {
        var garmin = Filings.Single(a => a.SourceId == "0001615774-16-004243");

        Assert.Equal("edgar:0001615774-16-004243", garmin.Id);
        Assert.Equal("10-K - GARMIN LTD", garmin.Title);
        Assert.Equal([new IssuerRef("SEC", "0001121788", "GARMIN LTD")], garmin.Issuers);
        Assert.Equal("10-K", garmin.RawCategory);
        Assert.Equal(new DateTimeOffset(2016, 2, 17, 17, 24, 49, TimeSpan.FromHours(-5)), garmin.PublishedAt);
        Assert.Equal(new Uri("http://www.sec.gov/Archives/edgar/data/1121788/000161577416004243/0001615774-16-004243-index.htm"), garmin.Url);
    }

    [Fact]
    public void Eight_k_items_join_the_title_and_classify_it()
    {
        var micron = Filings.Single(a => a.SourceId == "0000723125-25-000041");

        Assert.Equal(
            "8-K - MICRON TECHNOLOGY INC: Item 2.02: Results of Operations and Financial Condition; Item 9.01: Financial Statements and Exhibits",
            micron.Title);
        Assert.Equal([AnnouncementCategory.Results], micron.Categories);
        Assert.Equal(TimeSpan.FromHours(-4), micron.PublishedAt.Offset);
    }

    [Fact]
    public void A_filing_listed_per_party_is_one_announcement_about_the_company()
    {
        var form4 = Filings.Single(a => a.SourceId == "0000999001-26-000007");

        Assert.Equal(3, Filings.Count);
        Assert.Equal([new IssuerRef("SEC", "0000999001", "SOCIÉTÉ EXEMPLE CORP")], form4.Issuers);
    }

    [Fact]
    public void Bad_entries_are_reported_and_skipped()
    {
        var xml = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <entry><title>not the usual title</title><id>urn:tag:sec.gov,2008:accession-number=1</id><updated>2026-05-04T12:00:00-04:00</updated></entry>
            <entry><title>8-K - A CORP (0000000001) (Filer)</title><id>urn:x</id><updated>2026-05-04T12:00:00-04:00</updated></entry>
            <entry><title>8-K - B CORP (0000000002) (Filer)</title><id>urn:tag:sec.gov,2008:accession-number=2</id><updated>2026-05-04T12:00:00-04:00</updated></entry>
            </feed>
            """;

        var result = EdgarAtomParser.Parse(Encoding.Latin1.GetBytes(xml.Trim()));

        Assert.Equal("edgar:2", Assert.Single(result.Items).Id);
        Assert.Equal(2, result.Problems.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><body>Your Request Originates from an Undeclared Automated Tool</body></html>")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>")]
    public void A_malformed_feed_is_a_clear_error(string body)
    {
        var result = EdgarAtomParser.Parse(Encoding.UTF8.GetBytes(body));

        Assert.True(result.IsMalformed);
        Assert.StartsWith("EDGAR feed is not", result.Error, StringComparison.Ordinal);
    }
}
