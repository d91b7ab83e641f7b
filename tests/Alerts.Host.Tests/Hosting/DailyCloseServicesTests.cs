using Alerts.Core.Ports;
using Alerts.Hosting;
using Alerts.Sources.Feeds;
using Alerts.Sources.Yahoo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.Host.Tests.Hosting;

/// <summary>Where the sources are wired, an enabled yahoo-quotes source also serves daily closes and starts the backfill.</summary>
public sealed class DailyCloseServicesTests
{
    private static ServiceCollection Services(IReadOnlyList<FeedSourceOptions> sources)
    {
        var services = new ServiceCollection();
        services.AddLogging().AddSingleton(TimeProvider.System).AddFeedSources(sources).AddDailyCloseSources(sources);
        return services;
    }

    private static bool RunsBackfill(ServiceCollection services) =>
        services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(HistoryBackfillService));

    [Fact]
    public async Task An_enabled_yahoo_source_serves_daily_closes_and_the_backfill_runs()
    {
        var services = Services([.. FeedSourceRegistry.Defaults.Select(s => s.Kind == YahooChartSource.Kind ? s with { Enabled = true } : s)]);
        await using var provider = services.BuildServiceProvider();

        var daily = Assert.IsType<YahooDailyCloses>(Assert.Single(provider.GetServices<IDailyCloseSource>()));
        Assert.Equal("yahoo-quotes", daily.Name);
        Assert.True(RunsBackfill(services));
    }

    [Fact]
    public async Task With_yahoo_off_as_shipped_there_is_no_daily_close_source_and_no_backfill()
    {
        var services = Services(FeedSourceRegistry.Defaults);
        await using var provider = services.BuildServiceProvider();

        Assert.Empty(provider.GetServices<IDailyCloseSource>());
        Assert.False(RunsBackfill(services));
    }
}
