using Alerts.Sources.Feeds;
using Alerts.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Sources.Tests.Feeds;

public class FeedSourceRegistryTests
{
    [Fact]
    public void Defaults_are_valid_uniquely_named_and_point_at_the_real_sites()
    {
        var defaults = FeedSourceRegistry.Defaults;

        Assert.All(defaults, options => Assert.Empty(FeedSourceRegistry.Validate(options)));
        Assert.Equal(defaults.Count, defaults.Select(o => o.Name).Distinct().Count());
        Assert.Equal(
            [
                "data.sec.gov", "eid.csrc.gov.cn", "hq.sinajs.cn", "qt.gtimg.cn", "query.sse.com.cn", "query1.finance.yahoo.com",
                "www.cninfo.com.cn", "www.sec.gov", "www.szse.cn", "www1.hkexnews.hk",
            ],
            defaults.Select(o => o.Url!.Host).Distinct().Order());
        Assert.All(FeedSourceRegistry.Kinds, kind => Assert.NotEmpty(kind.Defaults));
    }

    [Fact]
    public void Every_default_can_be_built_without_touching_the_network()
    {
        using var http = new HttpClient();

        var sources = FeedSourceRegistry.Defaults.Select(o => FeedSourceRegistry.Create(o, http, TimeProvider.System)).ToList();

        Assert.Equal(FeedSourceRegistry.Defaults.Select(o => o.Name), sources.Select(s => s.Name));
    }

    [Theory]
    [InlineData("", "hkex-lci", null, "0 */2 * * * *", "Name is required")]
    [InlineData("x", "nasdaq", null, "0 */2 * * * *", "Kind 'nasdaq' is unknown")]
    [InlineData("x", "hkex-lci", "ftp://example.com/feed", "0 */2 * * * *", "must be an absolute http(s) URL")]
    [InlineData("x", "hkex-lci", null, "*/2 * * * *", "6-field cron")]
    public void Invalid_options_name_the_field(string name, string kind, string? url, string schedule, string expected)
    {
        var options = new FeedSourceOptions { Name = name, Kind = kind, Url = url is null ? null : new Uri(url), Schedule = schedule };

        Assert.Contains(FeedSourceRegistry.Validate(options), error => error.Contains(expected, StringComparison.Ordinal));
        using var http = new HttpClient();
        var thrown = Assert.Throws<ArgumentException>(() => FeedSourceRegistry.Create(options, http, TimeProvider.System));
        Assert.Contains(expected, thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64)")]
    [InlineData("alerts")]
    public void An_enabled_edgar_source_needs_a_declared_user_agent(string? userAgent)
    {
        var options = new FeedSourceOptions { Name = "edgar", Kind = "edgar-current", UserAgent = userAgent };

        Assert.Contains(FeedSourceRegistry.Validate(options), e => e.Contains("UserAgent", StringComparison.Ordinal));
        Assert.Empty(FeedSourceRegistry.Validate(options with { UserAgent = "Example Corp alerts@example.com" }));
        Assert.Empty(FeedSourceRegistry.Validate(options with { Enabled = false }));
    }

    [Fact]
    public void A_non_positive_timeout_is_invalid() =>
        Assert.Contains("Timeout must be positive", FeedSourceRegistry.Validate(new FeedSourceOptions { Name = "x", Kind = "csrc-tutoring", Timeout = TimeSpan.Zero }));

    [Fact]
    public void AddFeedSources_registers_every_enabled_default_with_its_own_client()
    {
        using var provider = new ServiceCollection().AddFeedSources().BuildServiceProvider();

        var sources = provider.GetServices<IFeedSource>().Select(s => s.Name).ToList();
        var scheduled = provider.GetServices<ScheduledFeedSource>().ToList();

        Assert.Equal(FeedSourceRegistry.Defaults.Where(o => o.Enabled).Select(o => o.Name), sources);
        Assert.DoesNotContain("hkex-title-search", sources);
        Assert.DoesNotContain("edgar-8k", sources);
        Assert.Equal(sources, scheduled.Select(s => s.Source.Name));
        Assert.Equal(TimeSpan.FromSeconds(8), provider.GetRequiredService<IHttpClientFactory>().CreateClient("tencent-quotes").Timeout);
    }

    [Fact]
    public void AddFeedSources_fails_at_start_up_on_invalid_options() =>
        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddFeedSources([new FeedSourceOptions { Name = "x", Kind = "nope" }]));

    [Fact]
    public async Task Sources_get_the_registered_clock()
    {
        await using var server = await LoopbackServer.StartAsync(200, "jsonpCallback1({\"result\":[]})", "text/javascript");
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 9, 29, 1, 0, 0, TimeSpan.Zero));
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddFeedSources([new FeedSourceOptions { Name = "bulletins", Kind = "sse-bulletins", Url = server.Url("/q") }])
            .BuildServiceProvider();

        await provider.GetRequiredService<IFeedSource>().PollAsync(CancellationToken.None);

        Assert.Contains("END_DATE=2026-09-29", server.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Feeds:0:Name"] = "quotes",
            ["Feeds:0:Kind"] = "tencent-quotes",
            ["Feeds:0:Url"] = "https://qt.gtimg.cn/",
            ["Feeds:0:Schedule"] = "*/5 * * * * *",
            ["Feeds:0:Timeout"] = "00:00:05",
            ["Feeds:0:Symbols:0"] = "2513.HK",
            ["Feeds:0:Symbols:1"] = "0100.HK",
            ["Feeds:1:Name"] = "csrc",
            ["Feeds:1:Kind"] = "csrc-tutoring",
            ["Feeds:1:Enabled"] = "false",
        }).Build();

        var feeds = configuration.GetSection("Feeds").Get<List<FeedSourceOptions>>()!;

        Assert.Equal(["2513.HK", "0100.HK"], feeds[0].Symbols);
        Assert.Equal(TimeSpan.FromSeconds(5), feeds[0].Timeout);
        Assert.Equal(new Uri("https://qt.gtimg.cn/"), feeds[0].Url);
        Assert.False(feeds[1].Enabled);
        Assert.Equal("0 */2 * * * *", feeds[1].Schedule);
        Assert.All(feeds, f => Assert.Empty(FeedSourceRegistry.Validate(f)));
    }
}
