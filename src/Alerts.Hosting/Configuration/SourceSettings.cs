using Alerts.Sources.Feeds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting.Configuration;

/// <summary>
/// Feed sources from <c>Alerts:Sources</c> (a list of name, kind, url, schedule, enabled, timeout); without that section,
/// every built-in source with its public URL and default schedule.
/// </summary>
public static class SourceSettings
{
    public static IReadOnlyList<FeedSourceOptions> Load(IConfiguration configuration, AlertsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.PollSources)
        {
            return [];
        }

        var section = configuration.GetSection("Alerts:Sources");
        return section.Exists() ? section.Get<List<FeedSourceOptions>>() ?? [] : FeedSourceRegistry.Defaults;
    }
}
