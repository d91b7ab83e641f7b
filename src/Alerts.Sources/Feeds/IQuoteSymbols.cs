namespace Alerts.Sources.Feeds;

/// <summary>
/// The canonical symbols (<c>2513.HK</c>, <c>688256.SS</c>) the quote sources poll, read again on every poll. The host's
/// implementation returns what active price rules reference, directly or through watchlists.
/// </summary>
public interface IQuoteSymbols
{
    ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken);
}

/// <summary>A fixed set of symbols (tests, <c>alerts sources check</c>, or no rule source at all).</summary>
public sealed class FixedQuoteSymbols(IEnumerable<string> symbols) : IQuoteSymbols
{
    private readonly IReadOnlyCollection<string> _symbols = [.. symbols];

    public static FixedQuoteSymbols None { get; } = new([]);

    public ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_symbols);
}
