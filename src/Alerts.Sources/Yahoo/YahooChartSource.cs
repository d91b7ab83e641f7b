using System.Net.Http.Headers;
using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;
using Alerts.Sources.Quotes;

namespace Alerts.Sources.Yahoo;

/// <summary>
/// Polls Yahoo's chart v8 API, one symbol per request (<c>/v8/finance/chart/2513.HK?interval=1d&amp;range=5d</c>). Yahoo
/// answers 429 to bare library agents, so the browser agent is sent; an unknown symbol is a 404 for that symbol only.
/// </summary>
public sealed class YahooChartSource(HttpClient http, FeedSourceOptions options, TimeProvider? clock = null, IQuoteSymbols? symbols = null)
    : QuoteFeedSource(http, options, clock ?? TimeProvider.System, symbols)
{
    public const string Kind = "yahoo-quotes";

    public static readonly Uri DefaultUrl = new("https://query1.finance.yahoo.com/");

    private protected override int BatchSize => 1;

    private protected override string? ToVendorCode(string symbol) => YahooSymbols.ToYahoo(symbol);

    private protected override Task<(ParseResult<PriceTick>? Parsed, FeedError? Error)> FetchBatchAsync(
        IReadOnlyList<string> codes, CancellationToken cancellationToken) =>
        SendAndReadAsync(ChartRequest(Options.Url ?? DefaultUrl, Options, codes[0], "5d"), response => YahooChartParser.Parse(response.Text()), cancellationToken);

    internal static HttpRequestMessage ChartRequest(Uri baseUrl, FeedSourceOptions options, string yahooSymbol, string range)
    {
        var url = new Uri(baseUrl, "v8/finance/chart/" + Uri.EscapeDataString(yahooSymbol) + "?interval=1d&range=" + range);
        var request = FeedRequests.Get(url, options, referer: null, "application/json");
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
