using Alerts.Core.Ports;
using Alerts.Core.Rules.Market;
using Alerts.Sources.Feeds;
using Alerts.Sources.Yahoo;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Hosting;

/// <summary>Where the stored price histories are seeded from: the quote sources' daily data.</summary>
public static class DailyCloseServices
{
    /// <summary>
    /// The enabled quote sources' daily data as <see cref="IDailyCloseSource"/>s (on each source's own HttpClient), the
    /// <see cref="HistorySeeder"/> over them, and, when a source is enabled, the background backfill of day-window rules' symbols.
    /// </summary>
    public static IServiceCollection AddDailyCloseSources(this IServiceCollection services, IReadOnlyList<FeedSourceOptions> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var yahoo = sources.Where(s => s.Enabled && string.Equals(s.Kind, YahooChartSource.Kind, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var options in yahoo)
        {
            services.AddSingleton<IDailyCloseSource>(provider => new YahooDailyCloses(
                provider.GetRequiredService<IHttpClientFactory>().CreateClient(options.Name), options, provider.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton(provider => new HistorySeeder(provider.GetRequiredService<MarketHistoryService>(), provider.GetServices<IDailyCloseSource>()));
        services.AddSingleton<HistoryBackfill>();
        if (yahoo.Count > 0)
        {
            services.AddHostedService<HistoryBackfillService>(); // without a source every pass would only report "no source"
        }

        return services;
    }
}
