using System.CommandLine;
using Alerts.Hosting.Configuration;

namespace Alerts.Host.Cli;

/// <summary>Options every command shares; they override configuration files and environment variables.</summary>
public static class CliOptions
{
    public static Option<string?> DataDirectory { get; } = new("--data") { Description = "Data directory (SQLite database, outbox). Default: ./data", Recursive = true };

    public static AlertsSettings Settings(ParseResult parse, IDictionary<string, string?>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>());
        if (parse.GetValue(DataDirectory) is { } data)
        {
            overrides["Alerts:DataDirectory"] = data;
        }

        return SettingsLoader.Load(SettingsLoader.Configuration(overrides));
    }
}
