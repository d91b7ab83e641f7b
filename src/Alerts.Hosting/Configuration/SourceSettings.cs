using System.Globalization;
using Alerts.Core;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting.Configuration;

/// <summary>
/// Feed sources: every built-in source with its public URL and schedule, changed by <c>Alerts:Sources</c>. Each entry there
/// names a source (its <c>name</c>, or its key when the section is an object keyed by name): an entry naming a built-in
/// source overrides only the fields it gives (<c>{"name": "tencent-quotes", "schedule": "*/5 * * * * *"}</c>,
/// <c>{"name": "hkex-lci-gem", "enabled": false}</c>); an entry with a new name adds a source and must give its kind.
/// <c>Alerts:BuiltInSources = false</c> starts from no source instead (only the entries listed are polled).
/// <c>Alerts:SourceLookBack</c> sets every source's cold-start look-back at once (an entry's own <c>lookBack</c> still wins).
/// </summary>
public static class SourceSettings
{
    public const string Section = "Alerts:Sources";
    public const string BuiltInSection = "Alerts:BuiltInSources";
    public const string LookBackSection = "Alerts:SourceLookBack";

    public static IReadOnlyList<FeedSourceOptions> Load(IConfiguration configuration, AlertsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.PollSources ? All(configuration) : [];
    }

    /// <summary>Every configured source, enabled or not, whether or not this process polls (for <c>alerts sources</c>).</summary>
    public static IReadOnlyList<FeedSourceOptions> All(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builtIn = !bool.TryParse(configuration[BuiltInSection], out var useBuiltIn) || useBuiltIn;
        var lookBack = LookBack(configuration);
        var sources = (builtIn ? FeedSourceRegistry.Defaults : []).Select(s => lookBack is { } all ? s with { LookBack = all } : s).ToList();
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            var name = entry["Name"] is { Length: > 0 } given ? given
                : int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? null
                : entry.Key;
            if (name is null)
            {
                throw new InvalidSettingsException($"{Section}:{entry.Key}: every source entry needs a name (a built-in source's name overrides it).");
            }

            var index = sources.FindIndex(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            var baseline = index >= 0 ? sources[index] : new FeedSourceOptions { Name = name, LookBack = lookBack ?? new FeedSourceOptions().LookBack };
            var merged = Bind(entry, baseline with { Name = name });
            if (index >= 0)
            {
                sources[index] = merged;
            }
            else if (string.IsNullOrWhiteSpace(merged.Kind))
            {
                throw new InvalidSettingsException(
                    $"{Section}:{entry.Key}: '{name}' is not a built-in source, so it needs a kind (one of {string.Join(", ", FeedSourceRegistry.Kinds.Select(k => k.Kind))}).");
            }
            else
            {
                sources.Add(merged);
            }
        }

        return sources;
    }

    private static TimeSpan? LookBack(IConfiguration configuration)
    {
        var text = configuration[LookBackSection];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
            ? value
            : throw new InvalidSettingsException($"{LookBackSection} '{text}' is not a duration like 1.00:00:00.");
    }

    private static FeedSourceOptions Bind(IConfigurationSection entry, FeedSourceOptions baseline)
    {
        // A record is immutable; the binder sets its init-only properties on a copy, leaving the fields not given as they were.
        var copy = baseline with { };
        try
        {
            entry.Bind(copy);
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidSettingsException($"{Section}:{entry.Key}: {exception.Message}", exception);
        }

        return copy;
    }
}
