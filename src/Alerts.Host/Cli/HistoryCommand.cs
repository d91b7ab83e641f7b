using System.CommandLine;
using System.Globalization;
using Alerts.Core.Rules.Market;
using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Alerts.Host.Composition;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

/// <summary><c>alerts history seed|show</c>: the stored daily closes the market rules (new highs, moves over days) read.</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "CSV of daily closes: symbol,yyyy-MM-dd,close per line", Arity = ArgumentArity.ZeroOrOne };
        var symbols = new Option<string[]>("--symbol")
        {
            Description = "Instead of a file: ask the enabled quote sources' daily data (yahoo-quotes) for these canonical symbols (2513.HK, 688256.SS)",
            AllowMultipleArgumentsPerToken = true,
        };
        var days = new Option<int>("--days") { Description = "With --symbol: how many calendar days back (default 365)", DefaultValueFactory = _ => 365 };
        var seed = new Command("seed", "Merge daily closes into the stored price history (an existing close of the same day is replaced)") { file, symbols, days };
        seed.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(symbols) is { Length: > 0 } asked)
            {
                return await SeedFromSourcesAsync(parse, asked, parse.GetValue(days), cancellationToken);
            }

            if (parse.GetValue(file) is not { } path)
            {
                await Console.Error.WriteLineAsync("error: give a CSV file or --symbol");
                return 2;
            }

            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return 2;
            }

            var closes = DailyCloseFile.Parse(await File.ReadAllTextAsync(path.FullName, cancellationToken));
            foreach (var problem in closes.Problems)
            {
                await Console.Error.WriteLineAsync("skipped " + problem);
            }

            await using var app = await AlertsApp.OpenAsync(CliOptions.Settings(parse), LogLevel.Warning, cancellationToken);
            var seeder = new HistorySeeder(app.Get<MarketHistoryService>(), [closes]);
            foreach (var result in await seeder.SeedAsync(closes.Symbols, DateOnly.MinValue, DateOnly.MaxValue, cancellationToken))
            {
                Console.WriteLine($"{result.Symbol}: {result.Received} close(s) read, {result.Changed} new or changed");
            }

            return closes.Problems.Count == 0 ? 0 : 1;
        });

        var symbol = new Argument<string>("symbol") { Description = "A canonical symbol such as 2513.HK" };
        var show = new Command("show", "Print what is stored for a symbol: closes, their range, the latest quote") { symbol };
        show.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(symbol)!;
            await using var app = await AlertsApp.OpenAsync(CliOptions.Settings(parse), LogLevel.Warning, cancellationToken);
            if (await app.Get<MarketHistoryService>().LoadAsync(name, cancellationToken) is not { } history)
            {
                Console.WriteLine($"{name}: no price history stored");
                return 0;
            }

            var daily = history.Daily;
            Console.WriteLine(daily.Dates.Count == 0
                ? $"{name}: no daily closes"
                : $"{name}: {daily.Dates.Count} daily close(s) from {DailyHistory.FromNumber(daily.Dates[0]):yyyy-MM-dd} to {DailyHistory.FromNumber(daily.Dates[^1]):yyyy-MM-dd}, "
                    + $"last {daily.Closes[^1].ToString(CultureInfo.InvariantCulture)}; {daily.Profiles.Count} day(s) of volume profile");
            if (daily.SeedProblem is { } problem)
            {
                Console.WriteLine($"last seeding failed: {problem}");
            }

            if (history.Latest is { } latest)
            {
                Console.WriteLine($"latest quote {latest.Currency} {latest.Price.ToString(CultureInfo.InvariantCulture)} at {latest.At.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}");
            }

            return 0;
        });

        return new Command("history", "The per-symbol price history market rules read (daily closes, today's quotes)") { seed, show };
    }

    /// <summary>Seeds from the daily data of the enabled quote sources; exit code 1 when any symbol could not be seeded.</summary>
    private static async Task<int> SeedFromSourcesAsync(ParseResult parse, string[] symbols, int days, CancellationToken cancellationToken)
    {
        if (days < 1)
        {
            await Console.Error.WriteLineAsync("error: --days must be at least 1");
            return 2;
        }

        var sources = SourceSettings.All(SettingsLoader.Configuration(DataOverride(parse))).Where(s => s.Enabled).ToList();
        await using var app = await AlertsApp.OpenAsync(CliOptions.Settings(parse), LogLevel.Warning, cancellationToken, services => services
            .AddFeedSources(sources)
            .AddDailyCloseSources(sources));
        var today = DateOnly.FromDateTime(app.Get<TimeProvider>().GetUtcNow().UtcDateTime);
        var failed = 0;
        foreach (var result in await app.Get<HistorySeeder>().SeedAsync(symbols, today.AddDays(-days), today, cancellationToken))
        {
            failed += result.Problem is null ? 0 : 1;
            Console.WriteLine(result.Problem is { } problem
                ? $"{result.Symbol}: not seeded ({result.Source ?? "no source"}): {problem}"
                : $"{result.Symbol}: {result.Received} close(s) from {result.Source}, {result.Changed} new or changed");
        }

        return failed == 0 ? 0 : 1;
    }

    private static Dictionary<string, string?> DataOverride(ParseResult parse) =>
        parse.GetValue(CliOptions.DataDirectory) is { } data ? new() { ["Alerts:DataDirectory"] = data } : [];
}
