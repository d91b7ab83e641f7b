using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;
using Alerts.Sources.Quotes;

namespace Alerts.Sources.Tencent;

/// <summary>
/// Polls Tencent quotes (<c>qt.gtimg.cn</c>) for the watched symbols, at most 50 codes per request. Bodies are decoded from
/// GBK bytes by the parser, never by HttpClient.
/// </summary>
public sealed class TencentQuoteSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null, IQuoteSymbols? symbols = null)
    : QuoteFeedSource(http, options, clock ?? TimeProvider.System, symbols)
{
    public const string Kind = "tencent-quotes";
    public const string Referer = "https://gu.qq.com/";
    public const int MaxCodesPerRequest = 50;

    public static readonly Uri DefaultUrl = new("https://qt.gtimg.cn/");

    private protected override int BatchSize => MaxCodesPerRequest;

    private protected override string? ToVendorCode(string symbol) => TencentSymbols.FromCanonical(symbol);

    private protected override Task<(ParseResult<PriceTick>? Parsed, FeedError? Error)> FetchBatchAsync(
        IReadOnlyList<string> codes, CancellationToken cancellationToken) =>
        SendAndReadAsync(
            FeedRequests.Get(new Uri(Options.Url ?? DefaultUrl, "q=" + string.Join(',', codes)), Options, Referer),
            response => TencentQuoteParser.Parse(response.Body),
            cancellationToken);
}
