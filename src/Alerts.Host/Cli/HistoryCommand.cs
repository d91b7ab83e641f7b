using System.CommandLine;
using System.Globalization;
using Alerts.Core.Rules.Market;
using Alerts.Host.Composition;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

/// <summary><c>alerts history seed|show</c>: the stored daily closes the market rules (new highs, moves over days) read.</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV of daily closes: symbol,yyyy-MM-dd,close per line" };
        var seed = new Command("seed", "Merge daily closes into the stored price history (an existing close of the same day is replaced)") { file };
        seed.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
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
            if (history.Latest is { } latest)
            {
                Console.WriteLine($"latest quote {latest.Currency} {latest.Price.ToString(CultureInfo.InvariantCulture)} at {latest.At.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}");
            }

            return 0;
        });

        return new Command("history", "The per-symbol price history market rules read (daily closes, today's quotes)") { seed, show };
    }
}
