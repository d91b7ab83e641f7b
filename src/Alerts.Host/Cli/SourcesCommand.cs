using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Ports;
using Alerts.Host.Composition;
using Alerts.Hosting.Configuration;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

/// <summary><c>alerts sources status|parse|check</c>: how each feed source is doing, a saved payload through its parser, a live probe.</summary>
public static class SourcesCommand
{
    public static Command Create() => new("sources", "Feed sources: their status, a saved payload through a production parser, a live probe of each")
    {
        Status(),
        Parse(),
        Check(),
    };

    private static Command Status()
    {
        var command = new Command("status", "Each configured source: enabled, last poll, last success, rows read, next poll, last error (from the store)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = Configuration(parse);
            var settings = SettingsLoader.Load(configuration);
            await using var app = await AlertsApp.OpenAsync(settings, LogLevel.Warning, cancellationToken);
            var stored = (await app.Store.Sources.ListAsync(cancellationToken)).ToDictionary(s => s.Source, StringComparer.OrdinalIgnoreCase);
            var configured = SourceSettings.All(configuration);
            var rows = configured.Select(o => (o.Name, o.Kind, Enabled: o.Enabled && settings.PollSources, Status: stored.GetValueOrDefault(o.Name)))
                .Concat(stored.Values.Where(s => !configured.Any(o => string.Equals(o.Name, s.Source, StringComparison.OrdinalIgnoreCase)))
                    .Select(s => (Name: s.Source, s.Kind, Enabled: false, Status: (SourceStatus?)s)))
                .ToList();
            Console.WriteLine(string.Join("  ", "source".PadRight(22), "kind".PadRight(20), "on ", "last poll".PadRight(20), "last success".PadRight(20), "rows".PadLeft(5), "new".PadLeft(4), "next poll".PadRight(20), "last error"));
            foreach (var (name, kind, enabled, status) in rows)
            {
                var error = status?.LastError is { } last
                    ? $"{Time(status.LastErrorAt)}: {last}" + (status.ConsecutiveFailures > 0 ? $" ({status.ConsecutiveFailures} failed in a row)" : " (recovered since)")
                    : string.Empty;
                Console.WriteLine(string.Join(
                    "  ",
                    name.PadRight(22),
                    kind.PadRight(20),
                    (enabled ? "yes" : "no").PadRight(3),
                    Time(status?.LastPollAt).PadRight(20),
                    Time(status?.LastSuccessAt).PadRight(20),
                    Number(status?.RowsRead).PadLeft(5),
                    Number(status?.NewEvents).PadLeft(4),
                    (enabled ? Time(status?.NextPollAt) : "-").PadRight(20),
                    error));
            }

            if (!settings.PollSources)
            {
                Console.WriteLine("Alerts:PollSources is false: this configuration polls no source.");
            }

            return 0;
        });
        return command;
    }

    private static Command Parse()
    {
        var kind = new Argument<string>("kind") { Description = "The source kind, as in configuration: " + string.Join(", ", SavedPayloads.Kinds) };
        var file = new Argument<FileInfo>("file") { Description = "A payload saved from the source" };
        var command = new Command("parse", "Parse a saved payload with the production parser and print its events as JSON lines (the format replay reads)") { kind, file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist.");
                return 2;
            }

            var poll = SavedPayloads.Parse(parse.GetValue(kind)!, path.Name, await File.ReadAllBytesAsync(path.FullName, cancellationToken));
            if (poll is null)
            {
                await Console.Error.WriteLineAsync($"error: no parser for kind '{parse.GetValue(kind)}' (known: {string.Join(", ", SavedPayloads.Kinds)}).");
                return 2;
            }

            if (poll.Error is { } failure)
            {
                await Console.Error.WriteLineAsync("error: " + failure.Message);
                return 1;
            }

            foreach (var marketEvent in poll.Events)
            {
                Console.WriteLine(EventFile.ToLine(marketEvent));
            }

            foreach (var problem in poll.Problems)
            {
                await Console.Error.WriteLineAsync("skipped " + problem);
            }

            await Console.Error.WriteLineAsync($"{poll.Events.Count} event(s), {poll.Problems.Count} row(s) skipped");
            return 0;
        });
        return command;
    }

    private static Command Check()
    {
        var symbols = new Option<string[]>("--symbol")
        {
            Description = "Symbols the quote sources are probed with (default 0700.HK and 600000.SS)",
            DefaultValueFactory = _ => ["0700.HK", "600000.SS"],
            AllowMultipleArgumentsPerToken = true,
        };
        var ciks = new Option<string[]>("--cik")
        {
            Description = "SEC CIKs the EDGAR submissions source is probed with (default 320193)",
            DefaultValueFactory = _ => ["320193"],
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("check", "Poll each enabled source once, live, and print its status, latency and rows; stores nothing") { symbols, ciks };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sources = SourceSettings.All(Configuration(parse)).Where(s => s.Enabled).ToList();
            var services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddSingleton<IQuoteSymbols>(new FixedQuoteSymbols(parse.GetValue(symbols) ?? []))
                .AddSingleton<IFilerCiks>(new FixedFilerCiks(parse.GetValue(ciks) ?? []))
                .AddFeedSources(sources);
            await using var provider = services.BuildServiceProvider();
            var failed = 0;
            foreach (var scheduled in provider.GetServices<ScheduledFeedSource>())
            {
                var watch = Stopwatch.StartNew();
                var poll = await scheduled.Source.PollAsync(cancellationToken);
                watch.Stop();
                failed += poll.Succeeded ? 0 : 1;
                var outcome = poll.Error is { } error
                    ? "FAILED  " + error
                    : $"ok      {poll.Events.Count} row(s)" + (poll.Problems.Count > 0 ? $", {poll.Problems.Count} skipped (first: {poll.Problems[0]})" : string.Empty);
                Console.WriteLine($"{scheduled.Options.Name.PadRight(22)} {watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture).PadLeft(6)} ms  {outcome}");
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static Microsoft.Extensions.Configuration.IConfiguration Configuration(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(CliOptions.DataDirectory) is { } data)
        {
            overrides["Alerts:DataDirectory"] = data;
        }

        return SettingsLoader.Configuration(overrides);
    }

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
