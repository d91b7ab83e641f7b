using Alerts.Api.Catalog;
using Alerts.Hosting;
using System.CommandLine;
using System.Globalization;
using Alerts.Core.Companies;
using Alerts.Core.Rules;
using Alerts.Core.Ports;
using Alerts.Core.Rules.Calendars;
using Alerts.Core.Rules.Market;
using Alerts.Hosting.Configuration;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.DependencyInjection;
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
        var seedFromSources = new Option<bool>("--seed-from-sources")
        {
            Description = "Ask the enabled quote sources' daily data (yahoo-quotes) for the closes the day-window rules need before the first event",
        };
        var command = new Command("backtest", "Print the alerts the rules would have raised on a history, in order; sends and stores nothing")
        {
            rulesFile, eventsFile, closesFile, seedFromSources,
        };
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

            if (parse.GetValue(seedFromSources) && events.Count > 0)
            {
                await SeedFromSourcesAsync(parse, book, market, events.Min(e => e.OccurredAt), cancellationToken);
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

    /// <summary>Seeds the in-memory market for every day-window rule; a symbol that cannot be seeded is reported and named in its rules' held-back reasons.</summary>
    private static async Task SeedFromSourcesAsync(ParseResult parse, RuleBook book, MarketMemory market, DateTimeOffset firstEvent, CancellationToken cancellationToken)
    {
        var overrides = parse.GetValue(CliOptions.DataDirectory) is { } data ? new Dictionary<string, string?> { ["Alerts:DataDirectory"] = data } : [];
        var sources = SourceSettings.All(SettingsLoader.Configuration(overrides)).Where(s => s.Enabled).ToList();
        await using var provider = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddFeedSources(sources)
            .AddDailyCloseSources(sources)
            .BuildServiceProvider();
        var seeder = new HistorySeeder(null, provider.GetServices<IDailyCloseSource>());
        foreach (var (symbol, from) in book.DailyHistoryNeeds(firstEvent))
        {
            var calendar = TradingCalendars.ForSymbol(symbol);
            var to = calendar.TradingDaysBefore(calendar.TradingDayOf(firstEvent), 1);
            foreach (var result in await seeder.SeedIntoAsync(market, [symbol], from, to, cancellationToken))
            {
                if (result.Note is { } note)
                {
                    await Console.Error.WriteLineAsync($"could not seed {result.Symbol}: {note}");
                }
                else
                {
                    Console.WriteLine($"seeded {result.Symbol}: {result.Received} close(s) to {to:yyyy-MM-dd} from {result.Source}");
                }
            }
        }
    }
}
