using Alerts.Core.Ports;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Yahoo;

/// <summary>
/// <see cref="IMarketHistory"/> from Yahoo chart v8: daily closes (<c>interval=1d</c> over the smallest range that covers the
/// days asked for) and FX rates from the <c>HKDCNY=X</c>-style pairs. Failures are thrown as <see cref="HttpRequestException"/>
/// naming the symbol: a rule that needs history decides what a missing answer means.
/// </summary>
public sealed class YahooMarketHistory(HttpClient http, FeedSourceOptions options, TimeProvider clock) : IMarketHistory
{
    private static readonly (int Days, string Range)[] Ranges = [(5, "5d"), (31, "1mo"), (92, "3mo"), (183, "6mo"), (366, "1y"), (731, "2y"), (1827, "5y")];

    public async Task<IReadOnlyList<DailyClose>> DailyClosesAsync(string symbol, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var range = Ranges.FirstOrDefault(r => r.Days >= days).Range ?? "10y";
        var parsed = YahooChartParser.ParseDailyCloses(await GetAsync(YahooSymbols.ToYahoo(symbol), range, cancellationToken));
        if (parsed.IsMalformed)
        {
            throw new HttpRequestException($"{options.Name}: {symbol}: {parsed.Error}");
        }

        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-days);
        return [.. parsed.Items.Where(c => c.Date > since)];
    }

    public async Task<decimal?> FxRateAsync(string from, string to, CancellationToken cancellationToken)
    {
        if (string.Equals(from, to, StringComparison.OrdinalIgnoreCase))
        {
            return 1m;
        }

        return YahooChartParser.LatestPrice(await GetAsync(YahooSymbols.FxPair(from, to), "1d", cancellationToken));
    }

    private async Task<string> GetAsync(string yahooSymbol, string range, CancellationToken cancellationToken)
    {
        var request = YahooChartSource.ChartRequest(options.Url ?? YahooChartSource.DefaultUrl, options, yahooSymbol, range);
        var (response, error) = await FeedHttp.SendAsync(http, request, clock, cancellationToken);
        try
        {
            return response?.Text()
                ?? throw new HttpRequestException($"{options.Name}: {yahooSymbol}: {error}", null, error?.StatusCode is { } status ? (System.Net.HttpStatusCode)status : null);
        }
        catch (FeedEncodingException exception)
        {
            throw new HttpRequestException($"{options.Name}: {yahooSymbol}: {exception.Message}", exception);
        }
    }
}
