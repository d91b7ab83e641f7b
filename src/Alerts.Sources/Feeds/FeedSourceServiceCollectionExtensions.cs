using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Sources.Feeds;

/// <summary>A source together with the options that made it, so a scheduler can read its schedule.</summary>
public sealed record ScheduledFeedSource(FeedSourceOptions Options, IFeedSource Source);

public static class FeedSourceServiceCollectionExtensions
{
    /// <summary>
    /// Registers one named HttpClient per enabled source (timeout from the options; conditional GETs and the shared per-host
    /// <see cref="FeedHostGate"/> as handlers; no retry handler: the scheduler's next tick is the retry) and one
    /// <see cref="IFeedSource"/> plus <see cref="ScheduledFeedSource"/> per enabled source. Quote sources poll the symbols of the
    /// registered <see cref="IQuoteSymbols"/>, the EDGAR submissions source the CIKs of the registered <see cref="IFilerCiks"/>
    /// (none registered: only their options' list). Null means
    /// <see cref="FeedSourceRegistry.Defaults"/>. Invalid options fail here, at start-up.
    /// </summary>
    public static IServiceCollection AddFeedSources(this IServiceCollection services, IEnumerable<FeedSourceOptions>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new FeedHostGate(provider.GetService<TimeProvider>() ?? TimeProvider.System));
        foreach (var options in (sources ?? FeedSourceRegistry.Defaults).Where(o => o.Enabled))
        {
            var errors = FeedSourceRegistry.Validate(options);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Feed source '{options.Name}': {string.Join("; ", errors)}");
            }

            // Sources are singletons holding their client, so connections are recycled by the handler instead of the factory.
            services.AddHttpClient(options.Name, client => client.Timeout = options.Timeout)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AutomaticDecompression = DecompressionMethods.All,
                })
                .AddHttpMessageHandler(() => new ConditionalGetHandler())
                .AddHttpMessageHandler(provider => new PoliteFeedHandler(provider.GetRequiredService<FeedHostGate>(), FeedSourceRegistry.MinIntervalOf(options)))
                .SetHandlerLifetime(System.Threading.Timeout.InfiniteTimeSpan);
            services.AddSingleton(provider => new ScheduledFeedSource(
                options,
                FeedSourceRegistry.Create(
                    options,
                    provider.GetRequiredService<IHttpClientFactory>().CreateClient(options.Name),
                    provider.GetService<TimeProvider>() ?? TimeProvider.System,
                    provider.GetService<IQuoteSymbols>(),
                    provider.GetService<IFilerCiks>())));
            var name = options.Name;
            services.AddSingleton(provider => provider.GetServices<ScheduledFeedSource>().First(s => s.Options.Name == name).Source);
        }

        return services;
    }
}
