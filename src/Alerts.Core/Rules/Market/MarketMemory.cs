using Alerts.Core.Model;

namespace Alerts.Core.Rules.Market;

/// <summary>What the market rules may look up while deciding: the history of any symbol they name (null when none is known).</summary>
public interface IMarketView
{
    SymbolHistory? History(string symbol);
}

/// <summary>
/// Symbol histories held in memory: the backtest and the benchmark feed every tick through it, and live evaluation fills one per
/// event from the store. Not thread-safe.
/// </summary>
public sealed class MarketMemory : IMarketView
{
    private readonly Dictionary<string, SymbolHistory> _symbols = new(StringComparer.OrdinalIgnoreCase);

    public static MarketMemory Empty => new();

    public SymbolHistory? History(string symbol) => _symbols.GetValueOrDefault(symbol);

    public void Add(SymbolHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        _symbols[history.Symbol] = history;
    }

    public SymbolHistory Observe(PriceTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (!_symbols.TryGetValue(tick.Symbol, out var history))
        {
            _symbols[tick.Symbol] = history = new SymbolHistory(tick.Symbol);
        }

        history.Observe(tick);
        return history;
    }

    public void Seed(string symbol, IEnumerable<(DateOnly Date, decimal Close)> closes) => GetOrAdd(symbol).Seed(closes);

    /// <summary>Why seeding a symbol failed, for the held-back reasons of the rules that wanted its closes.</summary>
    public void NoteSeedProblem(string symbol, string problem) => GetOrAdd(symbol).Daily.SeedProblem = problem;

    private SymbolHistory GetOrAdd(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (!_symbols.TryGetValue(symbol, out var history))
        {
            _symbols[symbol] = history = new SymbolHistory(symbol);
        }

        return history;
    }
}
