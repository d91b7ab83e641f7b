using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Quotes;

/// <summary>
/// What the quote sources share: the symbols to poll (the rules' symbols plus any the options list), each turned into the
/// vendor's code, requested in batches; a batch that fails while others succeed is a problem, not a failed poll, and a
/// symbol the vendor cannot quote is reported once per poll and skipped.
/// </summary>
public abstract class QuoteFeedSource : HttpFeedSource
{
    private readonly IQuoteSymbols _symbols;

    private protected QuoteFeedSource(HttpClient http, FeedSourceOptions options, TimeProvider clock, IQuoteSymbols? symbols)
        : base(http, options, clock) =>
        _symbols = symbols ?? FixedQuoteSymbols.None;

    /// <summary>Vendor codes per request.</summary>
    private protected abstract int BatchSize { get; }

    /// <summary>The vendor's code for a canonical symbol, or null when the vendor does not quote that market.</summary>
    private protected abstract string? ToVendorCode(string symbol);

    /// <summary>Requests one batch of vendor codes and parses the answer.</summary>
    private protected abstract Task<(ParseResult<PriceTick>? Parsed, FeedError? Error)> FetchBatchAsync(
        IReadOnlyList<string> codes, CancellationToken cancellationToken);

    /// <summary>The symbols this poll covers: the provider's and the options' fixed list, without duplicates.</summary>
    public async Task<IReadOnlyList<string>> SymbolsAsync(CancellationToken cancellationToken)
    {
        var current = await _symbols.CurrentAsync(cancellationToken);
        return [.. current.Concat(Options.Symbols).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
    }

    public sealed override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var problems = new List<FeedProblem>();
        var codes = new List<string>();
        foreach (var symbol in await SymbolsAsync(cancellationToken))
        {
            if (ToVendorCode(symbol) is { } code)
            {
                codes.Add(code);
            }
            else
            {
                problems.Add(new FeedProblem(symbol, $"{Options.Kind} cannot quote this symbol's market; not polled"));
            }
        }

        var events = new List<MarketEvent>();
        FeedError? firstError = null;
        var failedBatches = 0;
        var batches = codes.Chunk(BatchSize).ToList();
        foreach (var batch in batches)
        {
            var (parsed, error) = await FetchBatchAsync(batch, cancellationToken);
            error ??= parsed?.IsMalformed == true ? FeedError.Malformed($"{Name}: {parsed.Error}") : null;
            if (error is not null)
            {
                firstError ??= error;
                failedBatches++;
                problems.Add(new FeedProblem(batch.Length == 1 ? batch[0] : $"codes {batch[0]}…{batch[^1]}", error.ToString()));
                continue;
            }

            events.AddRange(parsed!.Items.Select(MarketEvent.Of));
            problems.AddRange(parsed.Problems);
        }

        return batches.Count > 0 && failedBatches == batches.Count
            ? FeedPoll.Failed(Name, firstError!)
            : new FeedPoll(Name, events, problems, null);
    }
}
