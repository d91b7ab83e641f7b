using System.Text.Json;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Core.Serialization;
using static Alerts.Core.Tests.TestData;

namespace Alerts.Core.Tests.Rules;

/// <summary>An announcement carrying its other language versions: keywords match any title, the alert shows them all.</summary>
public sealed class TranslatedAnnouncementTests
{
    private static readonly Announcement Bilingual = Announcement("202608281905-02513-13500-1", "Proposed Issuance of A Shares", [Hkex("02513")]) with
    {
        Translations = [new AnnouncementTranslation("zh-Hant", "建議發行A股並於科創板上市", new Uri("https://example.test/c.pdf"))],
    };

    [Theory]
    [InlineData("科创板")]
    [InlineData("科創板")]
    [InlineData("A shares")]
    public void A_keyword_in_either_language_or_script_matches(string keyword)
    {
        var book = Book(AnnouncementRule("kw", any: [keyword]));

        Assert.Single(book.Match(MarketEvent.Of(Bilingual)));
    }

    [Fact]
    public void A_none_keyword_in_the_translation_also_excludes()
    {
        var book = Book(AnnouncementRule("kw", any: ["A Shares"], none: ["科创板"]));

        Assert.Empty(book.Match(MarketEvent.Of(Bilingual)));
    }

    [Fact]
    public void The_alert_headline_carries_every_title_its_own_first()
    {
        var book = Book(AnnouncementRule("all"));
        var match = Assert.Single(book.Match(MarketEvent.Of(Bilingual)));

        var alert = AlertFactory.Create(match, MarketEvent.Of(Bilingual), Morning);

        Assert.Equal("Zhipu: Proposed Issuance of A Shares / 建議發行A股並於科創板上市", alert.Headline);
    }

    [Fact]
    public void Translations_survive_the_stored_json()
    {
        var json = JsonSerializer.Serialize(MarketEvent.Of(Bilingual), AlertsJsonContext.Default.MarketEvent);

        var read = JsonSerializer.Deserialize(json, AlertsJsonContext.Default.MarketEvent)!.Announcement!;

        Assert.Equal(Bilingual.Translations, read.Translations);
        Assert.Null(JsonSerializer.Deserialize(
            JsonSerializer.Serialize(MarketEvent.Of(Bilingual with { Translations = null }), AlertsJsonContext.Default.MarketEvent),
            AlertsJsonContext.Default.MarketEvent)!.Announcement!.Translations);
    }

    [Fact]
    public void Without_translations_the_headline_is_the_title_alone()
    {
        var single = Bilingual with { Translations = null };
        var match = Assert.Single(Book(AnnouncementRule("all")).Match(MarketEvent.Of(single)));

        Assert.Equal("Zhipu: Proposed Issuance of A Shares", AlertFactory.Create(match, MarketEvent.Of(single), Morning).Headline);
    }
}
