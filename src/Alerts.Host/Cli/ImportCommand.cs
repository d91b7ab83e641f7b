using System.CommandLine;
using Alerts.Host.Composition;
using Alerts.Host.Import;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

public static class ImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON with companies, watchlists, channels, rules, subscriptions" };
        var command = new Command("import", "Load companies, watchlists, rules and channels; invalid input is rejected and nothing is written") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return 2;
            }

            await using var app = await AlertsApp.OpenAsync(CliOptions.Settings(parse), LogLevel.Warning, cancellationToken);
            var (imported, errors) = await app.Get<CatalogImporter>().ImportAsync(await File.ReadAllTextAsync(path.FullName, cancellationToken), cancellationToken);
            if (imported is null)
            {
                await Console.Error.WriteLineAsync($"error: {path.Name} was not imported; nothing was written:");
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("  " + error);
                }

                return 2;
            }

            Console.WriteLine($"Imported into tenant '{imported.TenantId}': {imported.Companies.Count} companies, {imported.Watchlists.Count} watchlists, "
                + $"{imported.Channels.Count} channels, {imported.Rules.Count} rules, {imported.Subscriptions.Count} subscriptions.");
            return 0;
        });
        return command;
    }
}
