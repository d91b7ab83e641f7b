using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;
using Alerts.Sources.Quotes;

namespace Alerts.Sources.Sina;

/// <summary>
/// Polls Sina quotes (<c>hq.sinajs.cn/list=…</c>) for the watched symbols, in batches. Sina answers <c>Forbidden</c> or an
/// empty body unless the request carries its Referer, so it always does; bodies are GBK bytes decoded by the parser.
/// </summary>
public sealed class SinaQuoteSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null, IQuoteSymbols? symbols = null)
    : QuoteFeedSource(http, options, clock ?? TimeProvider.System, symbols)
{
    public const string Kind = "sina-quotes";
    public const string Referer = "https://finance.sina.com.cn/";
    public const int MaxCodesPerRequest = 50;

    public static readonly Uri DefaultUrl = new("https://hq.sinajs.cn/");

    private protected override int BatchSize => MaxCodesPerRequest;

    private protected override string? ToVendorCode(string symbol) => SinaSymbols.FromCanonical(symbol);

    private protected override Task<(ParseResult<PriceTick>? Parsed, FeedError? Error)> FetchBatchAsync(
        IReadOnlyList<string> codes, CancellationToken cancellationToken) =>
        SendAndReadAsync(
            FeedRequests.Get(new Uri(Options.Url ?? DefaultUrl, "list=" + string.Join(',', codes)), Options, Referer),
            response => SinaQuoteParser.Parse(response.Body),
            cancellationToken);
}
