using System.Globalization;
using Alerts.Core.Ports;

namespace Alerts.Core.Rules.Market;

/// <summary>
/// Daily closes from a CSV text, one <c>symbol,yyyy-MM-dd,close</c> per line (a header line, blank lines and <c>#</c> comments
/// are skipped): the simple seeding path for <c>alerts history seed</c> and <c>alerts backtest --closes</c>. Malformed lines are
/// reported by number and skipped.
/// </summary>
public sealed class DailyCloseFile : IDailyCloseSource
{
    private readonly ILookup<string, DailyClose> _bySymbol;

    private DailyCloseFile(IReadOnlyList<DailyClose> closes, IReadOnlyList<string> problems)
    {
        Closes = closes;
        Problems = problems;
        _bySymbol = closes.ToLookup(c => c.Symbol, StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "file";

    public IReadOnlyList<DailyClose> Closes { get; }

    public IReadOnlyList<string> Problems { get; }

    public IEnumerable<string> Symbols => _bySymbol.Select(g => g.Key);

    public static DailyCloseFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var closes = new List<DailyClose>();
        var problems = new List<string>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || (number == 1 && line.StartsWith("symbol", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 3 || fields[0].Trim().Length == 0)
            {
                problems.Add($"line {number}: expected symbol,yyyy-MM-dd,close");
            }
            else if (!DateOnly.TryParseExact(fields[1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problems.Add($"line {number}: '{fields[1].Trim()}' is not a yyyy-MM-dd date");
            }
            else if (!decimal.TryParse(fields[2].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var close) || close <= 0)
            {
                problems.Add($"line {number}: '{fields[2].Trim()}' is not a positive price");
            }
            else
            {
                closes.Add(new DailyClose(fields[0].Trim().ToUpperInvariant(), date, close));
            }
        }

        return new DailyCloseFile(closes, problems);
    }

    public bool Serves(string symbol) => _bySymbol.Contains(symbol);

    public Task<IReadOnlyList<DailyClose>> GetDailyClosesAsync(string symbol, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DailyClose>>([.. _bySymbol[symbol].Where(c => c.Date >= from && c.Date <= to)]);

    /// <summary>Every close, into an in-memory market (the backtest's seed).</summary>
    public void SeedInto(MarketMemory market)
    {
        ArgumentNullException.ThrowIfNull(market);
        foreach (var group in _bySymbol)
        {
            market.Seed(group.Key, group.Select(c => (c.Date, c.Close)));
        }
    }
}
