using System.CommandLine;

namespace Alerts.Host.Cli;

/// <summary>The <c>alerts</c> command line: one command per job, each in its own file.</summary>
public static class AlertsCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Alerts: exchange announcements and price moves, delivered once to the channels you choose.")
        {
            CliOptions.DataDirectory,
            RunCommand.Create(),
            DemoCommand.Create(),
            ReplayCommand.Create(),
            BacktestCommand.Create(),
            ImportCommand.Create(),
            DeliveriesCommand.Create(),
            SourcesCommand.Create(),
            Client.TenantCommands.Tenants(),
            Client.TenantCommands.Keys(),
            Client.CatalogCommands.Watchlists(),
            Client.CatalogCommands.Rules(),
            Client.CatalogCommands.Channels(),
            Client.CatalogCommands.Subscriptions(),
            Client.AlertCommands.Alerts(),
            Bench.BenchCommand.Create(),
        };
        return root;
    }
}
