using Alerts.Sources.Feeds;
using Alerts.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Hosting;

/// <summary>The feed sources as both hosts run them: the quote and EDGAR submissions sources follow the rules, every poll records the source's status.</summary>
public static class SourceServices
{
    public static IServiceCollection AddAlertsSources(this IServiceCollection services, IReadOnlyList<FeedSourceOptions> sources, AlertStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.AddSingleton(store.Sources);
        services.AddSingleton<IQuoteSymbols, RuleQuoteSymbols>();
        services.AddSingleton<IFilerCiks, RuleFilerCiks>();
        services.AddSingleton<SourcePoller>();
        services.AddDailyCloseSources(sources);
        return services.AddFeedSources(sources);
    }
}
