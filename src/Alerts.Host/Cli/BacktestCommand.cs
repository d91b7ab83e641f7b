using Alerts.Api.Catalog;
using Alerts.Hosting;
using System.CommandLine;
using System.Globalization;
using Alerts.Core.Companies;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;
using Alerts.Delivery;
using Alerts.Delivery.Endpoints;
using Alerts.Host.Composition;
using Alerts.Host.Import;

namespace Alerts.Host.Cli;

public static class BacktestCommand
{
    public static Command Create()
    {
        var rulesFile = new Option<FileInfo>("--rules") { Description = "Import-format JSON with the rules (and their watchlists, companies)", Required = true };
        var eventsFile = new Option<FileInfo>("--events") { Description = "Recorded events, one JSON event per line", Required = true };
        var closesFile = new Option<FileInfo?>("--closes") { Description = "Daily closes before the history (symbol,yyyy-MM-dd,close per line) for the market rules" };
        var command = new Command("backtest", "Print the alerts the rules would have raised on a history, in order; sends and stores nothing") { rulesFile, eventsFile, closesFile };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rulesPath = parse.GetValue(rulesFile)!;
            var eventsPath = parse.GetValue(eventsFile)!;
            var closesPath = parse.GetValue(closesFile);
            foreach (var path in new[] { rulesPath, eventsPath, closesPath }.OfType<FileInfo>().Where(p => !p.Exists))
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return 2;
            }

            var (document, readErrors) = CatalogDocumentReader.Read(await File.ReadAllTextAsync(rulesPath.FullName, cancellationToken));
            var reference = ReferenceCompanies.Load();
            var errors = document is null
                ? readErrors
                : new CatalogValidator(new ChannelValidator(EndpointPolicy.Strict)).Validate(document, reference, [], [], []);
            if (document is null || errors.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: {rulesPath.Name} is not valid:");
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("  " + error);
                }

                return 2;
            }

            var (events, problems) = EventFile.Read(eventsPath.FullName);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync("skipped " + problem);
            }

            var directory = new CompanyDirectory(reference.Where(c => document.Companies.All(d => d.Id != c.Id)).Concat(document.Companies));
            var book = RuleBook.Build(document.Rules, document.Watchlists, directory);
            var market = new MarketMemory();
            if (closesPath is not null)
            {
                var closes = DailyCloseFile.Parse(await File.ReadAllTextAsync(closesPath.FullName, cancellationToken));
                foreach (var problem in closes.Problems)
                {
                    await Console.Error.WriteLineAsync($"skipped {closesPath.Name} {problem}");
                }

                closes.SeedInto(market);
            }

            var result = Backtest.Explain(book, events, market);
            foreach (var alert in result.Alerts)
            {
                Console.WriteLine($"{alert.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}  {alert.RuleId,-24} {alert.Headline}");
            }

            // Market rules that could not decide (a stale or missing quote, no stored closes) say so: once each time the reason changes.
            if (result.HeldBack.Count > 0)
            {
                Console.WriteLine("Held back (no alert):");
                foreach (var note in result.HeldBack)
                {
                    Console.WriteLine($"  {note.At.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}  {note.RuleId,-24} ({note.Subject}) {note.Reason}");
                }
            }

            Console.WriteLine($"{result.Alerts.Count} alert(s) from {events.Count} event(s) and {document.Rules.Count} rule(s); nothing was sent.");
            return 0;
        });
        return command;
    }
}
