using Alerts.Core;
using Alerts.Hosting.Configuration;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Host.Tests.Hosting;

/// <summary>Alerts:Sources changes the built-in sources by name instead of replacing them all.</summary>
public class SourceSettingsTests
{
    private static IReadOnlyList<FeedSourceOptions> Load(params (string Key, string Value)[] settings) =>
        SourceSettings.All(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void Without_a_section_every_built_in_source_is_there() =>
        Assert.Equal(FeedSourceRegistry.Defaults, Load());

    [Fact]
    public void Overriding_one_sources_schedule_keeps_the_others_and_its_own_other_fields()
    {
        var sources = Load(("Alerts:Sources:0:Name", "tencent-quotes"), ("Alerts:Sources:0:Schedule", "*/5 * * * * *"));

        var tencent = Assert.Single(sources, s => s.Name == "tencent-quotes");
        var builtIn = FeedSourceRegistry.Defaults.Single(s => s.Name == "tencent-quotes");
        Assert.Equal(builtIn with { Schedule = "*/5 * * * * *" }, tencent);
        Assert.Equal(FeedSourceRegistry.Defaults.Select(s => s.Name), sources.Select(s => s.Name));
        Assert.Equal(FeedSourceRegistry.Defaults.Where(s => s.Name != "tencent-quotes"), sources.Where(s => s.Name != "tencent-quotes"));
    }

    [Fact]
    public void A_section_keyed_by_name_disables_one_and_enables_another()
    {
        var sources = Load(("Alerts:Sources:hkex-lci-gem:Enabled", "false"), ("Alerts:Sources:sina-quotes:Enabled", "true"));

        Assert.False(sources.Single(s => s.Name == "hkex-lci-gem").Enabled);
        Assert.True(sources.Single(s => s.Name == "sina-quotes").Enabled);
        Assert.True(sources.Single(s => s.Name == "hkex-lci").Enabled);
    }

    [Fact]
    public void A_new_name_adds_a_source_of_its_kind()
    {
        var sources = Load(
            ("Alerts:Sources:0:Name", "hkex-gem-en"), ("Alerts:Sources:0:Kind", "hkex-lci"),
            ("Alerts:Sources:0:Url", "https://www1.hkexnews.hk/ncms/json/eds/lcigem1relsde_1.json"));

        Assert.Equal(FeedSourceRegistry.Defaults.Count + 1, sources.Count);
        Assert.Equal("hkex-lci", sources[^1].Kind);
    }

    [Fact]
    public void Without_built_in_sources_only_the_listed_ones_are_polled()
    {
        var sources = Load(("Alerts:BuiltInSources", "false"), ("Alerts:Sources:0:Name", "fake"), ("Alerts:Sources:0:Kind", "hkex-lci"));

        Assert.Equal("fake", Assert.Single(sources).Name);
    }

    [Fact]
    public void The_global_look_back_applies_to_every_source_unless_one_says_otherwise()
    {
        var sources = Load(("Alerts:SourceLookBack", "7.00:00:00"), ("Alerts:Sources:csrc-tutoring:LookBack", "30.00:00:00"));

        Assert.All(sources.Where(s => s.Name != "csrc-tutoring"), s => Assert.Equal(TimeSpan.FromDays(7), s.LookBack));
        Assert.Equal(TimeSpan.FromDays(30), sources.Single(s => s.Name == "csrc-tutoring").LookBack);
    }

    [Theory]
    [InlineData("Alerts:Sources:0:Schedule", "* * * * * *", "needs a name")]
    [InlineData("Alerts:Sources:0:Name", "mystery", "needs a kind")]
    [InlineData("Alerts:SourceLookBack", "soon", "Alerts:SourceLookBack")]
    public void Unusable_entries_are_named(string key, string value, string expected)
    {
        var thrown = Assert.Throws<InvalidSettingsException>(() => Load((key, value)));

        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }
}
