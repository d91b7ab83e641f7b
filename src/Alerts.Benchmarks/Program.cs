using System.Diagnostics;
using System.Globalization;
using Alerts.Benchmarks;
using Alerts.Core.Model;
using Alerts.Core.Rules;

// Usage: dotnet run -c Release --project src/Alerts.Benchmarks -- store [--seconds 3]   (SQLite store writes/s, see StoreBenchmark)
//        dotnet run -c Release --project src/Alerts.Benchmarks -- [--rules 100000] [--events 20000] [--companies 3000] [--seed 1]
//        [--seconds 2.5] [--breakdown]
// --breakdown also times RuleBooks over subsets of the rules (market-wide only, without keywords, ...) to show where time goes.
if (args is ["store", .. var storeArgs])
{
    return await StoreBenchmark.RunAsync(storeArgs);
}

var breakdown = args.Contains("--breakdown");
var options = BenchmarkOptions.Parse([.. args.Where(a => a != "--breakdown")]);
if (options is null)
{
    Console.Error.WriteLine("usage: Alerts.Benchmarks [--rules N] [--events N] [--companies N] [--seed N] [--seconds N] [--breakdown]");
    return 2;
}

#if DEBUG
Console.WriteLine("WARNING: Debug build; figures are meaningless. Use -c Release.");
#endif

Console.WriteLine($"Alerts rule matching benchmark: .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, single-threaded measurement, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

// 1. Companies first: the directory is reference data every deployment holds anyway, so it is outside the per-rule figures.
var market = new SyntheticMarket(options.Seed, options.Companies);
var heapBeforeRules = Measure.HeapBytes();

// 2. Tenants' watchlists and rules, then the index over them: each weighed on its own, the build timed.
market.GenerateRules(options.Rules);
var heapWithRules = Measure.HeapBytes();
var buildWatch = Stopwatch.StartNew();
var book = RuleBook.Build(market.Rules, market.Watchlists, market.Directory);
buildWatch.Stop();
var heapWithIndex = Measure.HeapBytes();
var rulesBytes = heapWithRules - heapBeforeRules;
var indexBytes = heapWithIndex - heapWithRules;
Console.WriteLine(market.Describe());
var rebuilds = Enumerable.Range(0, 3).Select(_ =>
{
    var watch = Stopwatch.StartNew();
    GC.KeepAlive(RuleBook.Build(market.Rules, market.Watchlists, market.Directory));
    return watch.Elapsed;
}).Min();
Console.WriteLine($"RuleBook: {book.Count:N0} rules indexed, {book.Problems.Count} problems");

// 3. The same events for both matchers.
var announcements = market.Announcements(options.Events);
var ticks = market.Ticks(options.Events);

if (breakdown)
{
    var subsets = new (string Name, Func<Rule, bool> Keep)[]
    {
        ("all", _ => true),
        ("no any-scope", r => !r.Companies.Any),
        ("any-scope only", r => r.Companies.Any),
        ("no keywords", r => r is not AnnouncementRule a || (a.KeywordsAny.Count == 0 && a.KeywordsNone.Count == 0)),
        ("no keywords, no any", r => !r.Companies.Any && (r is not AnnouncementRule a || (a.KeywordsAny.Count == 0 && a.KeywordsNone.Count == 0))),
    };
    foreach (var (name, keep) in subsets)
    {
        var subset = RuleBook.Build(market.Rules.Where(keep).ToList(), market.Watchlists, market.Directory);
        var run = Measure.Throughput(name, announcements, a => subset.Match(a).Count, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1.5));
        Console.WriteLine($"breakdown: {name,-22} {Measure.Micros(run)} µs/event, {(double)run.Matches / run.Events:N1} matches/event, {(double)run.AllocatedBytes / run.Events:N0} B/event");
    }

    Console.WriteLine();
}

// The way a caller that matches many events uses the book: one buffer, cleared between events (the evaluate stage's batch).
var buffer = new List<RuleMatch>();
var indexed = Measure.Throughput("RuleBook", announcements, a =>
{
    buffer.Clear();
    return book.Match(a, buffer);
}, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(options.Seconds));
var naiveScan = new NaiveRuleScan(market.Rules, market.Watchlists, market.Directory);
var naive = Measure.Throughput("NaiveRuleScan", announcements, a => naiveScan.Match(a).Count, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(options.Seconds));
var tickRun = Measure.Throughput("RuleBook ticks", ticks, t => book.Match(t).Count, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
var (marketMatch, marketRun, historyBytes, historySymbols, marketFired, marketHeldBack) = MarketBenchmark.Measure(book, market, options.Events, options.Seconds);

// Honesty check: over the events the naive scan got through, both must have matched exactly the same rules.
var checkedEvents = (int)Math.Min(Math.Min(naive.Events, announcements.Count), 1000);
foreach (var announcement in announcements.Take(checkedEvents))
{
    buffer.Clear();
    book.Match(announcement, buffer);
    var fromIndex = buffer.Select(m => m.Rule.Id).Order(StringComparer.Ordinal);
    if (!fromIndex.SequenceEqual(naiveScan.Match(announcement).Order(StringComparer.Ordinal)))
    {
        Console.Error.WriteLine($"MISMATCH on announcement {announcement.Id}: RuleBook and the naive scan disagree.");
        return 1;
    }
}

// Where a RuleBook match spends its time: the fixed per-announcement work, measured on its own over the same events.
var vocabulary = market.Vocabulary.Select(Alerts.Core.Text.TextNormalizer.Fold).Distinct().ToArray();
var automaton = KeywordAutomaton.Build(vocabulary);
var found = new HashSet<int>();
var resolveRun = Measure.Throughput("resolve issuers", announcements, a => a.Issuers.Count(i => market.Directory.Resolve(i) is not null), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));
var foldRun = Measure.Throughput("fold title", announcements, a => Alerts.Core.Text.TextNormalizer.Fold(a.Title).Length, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));
var scanRun = Measure.Throughput("keyword scan", announcements.Select(a => Alerts.Core.Text.TextNormalizer.Fold(a.Title)).ToList(), t =>
{
    found.Clear();
    automaton.FindAll(t, found);
    return found.Count;
}, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));
var matchedPerEvent = (int)Math.Round((double)indexed.Matches / indexed.Events);
var allocRun = Measure.Throughput("write matches", announcements, a =>
{
    buffer.Clear();
    for (var i = 0; i < matchedPerEvent; i++)
    {
        buffer.Add(new RuleMatch(market.Rules[i], "x", null));
    }

    return buffer.Count;
}, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));

var ratio = indexed.EventsPerCpuSecond / naive.EventsPerCpuSecond;
var totalPerRule = (double)(rulesBytes + indexBytes) / options.Rules;
var rows = new (string Name, string Value)[]
{
    ("rules", options.Rules.ToString("N0", CultureInfo.InvariantCulture)),
    ("distinct announcements (cycled)", announcements.Count.ToString("N0", CultureInfo.InvariantCulture)),
    ("checked identical to naive scan", $"{checkedEvents:N0} announcements"),
    ("RuleBook.Build (first, incl. JIT)", $"{buildWatch.Elapsed.TotalMilliseconds:N0} ms"),
    ("RuleBook.Build (best of 3)", $"{rebuilds.TotalMilliseconds:N0} ms"),
    ("RuleBook announcements/s", indexed.Describe()),
    ("NaiveRuleScan announcements/s", naive.Describe()),
    ("speed-up over naive (CPU time)", $"{ratio:N0}x (wall time {indexed.EventsPerSecond / naive.EventsPerSecond:N0}x)"),
    ("avg rules matched per announcement", $"{(double)indexed.Matches / indexed.Events:N1}"),
    ("RuleBook price ticks/s", tickRun.Describe()),
    ("market ticks/s (hot symbols, A+H, FX; match)", marketMatch.Describe()),
    ("  rules matched per market tick", $"{(double)marketMatch.Matches / marketMatch.Events:N1}"),
    ("market ticks/s (observe + match + decide)", marketRun.Describe()),
    ("  rule decisions/s", $"{marketRun.Matches / marketRun.Cpu.TotalSeconds:N0} per CPU-s ({marketFired:N0} fired, {marketHeldBack:N0} held back)"),
    ("memory: price histories (250 closes each)", $"{historyBytes / 1024.0 / 1024.0:N1} MiB = {(double)historyBytes / historySymbols:N0} B/symbol, {historySymbols:N0} symbols (not counted per rule)"),
    ("  part: resolve issuers (µs/event)", Measure.Micros(resolveRun)),
    ("  part: fold title (µs/event)", Measure.Micros(foldRun)),
    ("  part: keyword automaton scan (µs/event)", Measure.Micros(scanRun)),
    ($"  part: write {matchedPerEvent} RuleMatch into the buffer (µs/event)", Measure.Micros(allocRun)),
    ("  whole RuleBook match (µs/event)", Measure.Micros(indexed)),
    ("memory: rules + watchlists", $"{rulesBytes / 1024.0 / 1024.0:N1} MiB = {(double)rulesBytes / options.Rules:N0} B/rule"),
    ("memory: RuleBook index", $"{indexBytes / 1024.0 / 1024.0:N1} MiB = {(double)indexBytes / options.Rules:N0} B/rule"),
    ("memory: total", $"{(rulesBytes + indexBytes) / 1024.0 / 1024.0:N1} MiB = {totalPerRule:N0} B/rule"),
    ("heap: companies + directory (not counted)", $"{heapBeforeRules / 1024.0 / 1024.0:N1} MiB"),
};
var width = rows.Max(r => r.Name.Length);
Console.WriteLine();
Console.WriteLine($"| {"measure".PadRight(width)} | value");
Console.WriteLine($"|{new string('-', width + 2)}|{new string('-', 50)}");
foreach (var (name, value) in rows)
{
    Console.WriteLine($"| {name.PadRight(width)} | {value}");
}

Console.WriteLine();
Console.WriteLine(Measure.Verdict(">= 100k events/s on one core", indexed.EventsPerCpuSecond >= 100_000,
    $"{indexed.EventsPerCpuSecond:N0} events per CPU-second ({indexed.EventsPerSecond:N0} per wall-second; load average {Measure.LoadAverage()})"));
Console.WriteLine(Measure.Verdict(">= 100k market ticks/s matched on one core", marketMatch.EventsPerCpuSecond >= 100_000,
    $"{marketMatch.EventsPerCpuSecond:N0} ticks per CPU-second ({marketMatch.EventsPerSecond:N0} per wall-second)"));
Console.WriteLine(Measure.Verdict(">= 50x naive", ratio >= 50, $"{ratio:N0}x"));
Console.WriteLine(Measure.Verdict("<= 1 KB per rule", totalPerRule <= 1024, $"{totalPerRule:N0} B/rule (rules {(double)rulesBytes / options.Rules:N0} + index {(double)indexBytes / options.Rules:N0})"));
GC.KeepAlive(book);
GC.KeepAlive(market);
return 0;

internal sealed record BenchmarkOptions(int Rules, int Events, int Companies, int Seed, double Seconds)
{
    public static BenchmarkOptions? Parse(string[] args)
    {
        var options = new BenchmarkOptions(100_000, 20_000, 3_000, 1, 2.5);
        for (var i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return null;
            }

            options = args[i] switch
            {
                "--rules" => options with { Rules = (int)value },
                "--events" => options with { Events = (int)value },
                "--companies" => options with { Companies = (int)value },
                "--seed" => options with { Seed = (int)value },
                "--seconds" => options with { Seconds = Math.Max(2, value) },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }

            i++;
        }

        return options;
    }
}
