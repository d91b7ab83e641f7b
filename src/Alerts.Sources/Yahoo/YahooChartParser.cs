using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Yahoo;

/// <summary>
/// Parses Yahoo chart v8 answers (<c>/v8/finance/chart/{symbol}?interval=1d&amp;range=5d</c>). The tick's previous close is
/// <c>previousClose</c> or <c>regularMarketPreviousClose</c> when given, else the close of the bar before today's; never
/// <c>chartPreviousClose</c> when the range holds more than one bar, because that is the close before the range's first bar
/// (a week ago for <c>range=5d</c>), which would turn a quiet day into a large "move". Times are epoch seconds.
/// </summary>
public static class YahooChartParser
{
    public const string Source = "yahoo";

    public static ParseResult<PriceTick> Parse(string json)
    {
        var (result, error) = Read(json);
        if (result is null)
        {
            return ParseResult<PriceTick>.Malformed(error!);
        }

        var meta = result.Meta!;
        var symbol = YahooSymbols.ToCanonical(meta.Symbol!);
        if (meta.RegularMarketPrice is not { } price || price <= 0 || meta.RegularMarketTime is not { } time)
        {
            return new([], [new FeedProblem(symbol, "no regularMarketPrice/regularMarketTime (no trade yet?)")]);
        }

        var daily = Bars(result);
        var previous = meta.PreviousClose ?? meta.RegularMarketPreviousClose ?? PreviousBarClose(daily, time, meta.Gmtoffset ?? 0)
            ?? (daily.Count <= 1 ? meta.ChartPreviousClose : null);
        if (previous is null)
        {
            return new([], [new FeedProblem(symbol, "no previous close (no previousClose and no earlier daily bar)")]);
        }

        var volume = meta.RegularMarketVolume ?? (daily.Count > 0 ? daily[^1].Volume : null) ?? 0;
        var tick = new PriceTick(symbol, price, previous.Value, (long)decimal.Round(volume), DateTimeOffset.FromUnixTimeSeconds(time),
            meta.Currency ?? string.Empty, Source);
        return new([tick], []);
    }

    /// <summary>The daily closes in the answer, oldest first, dated in the exchange's time zone; bars without a close are left out.</summary>
    public static ParseResult<DailyClose> ParseDailyCloses(string json)
    {
        var (result, error) = Read(json);
        if (result is null)
        {
            return ParseResult<DailyClose>.Malformed(error!);
        }

        var meta = result.Meta!;
        var symbol = YahooSymbols.ToCanonical(meta.Symbol!);
        var offset = TimeSpan.FromSeconds(meta.Gmtoffset ?? 0);
        return new([.. Bars(result).Select(b => new DailyClose(symbol, DateOnly.FromDateTime(b.Time.ToOffset(offset).DateTime), b.Close, meta.Currency ?? string.Empty))], []);
    }

    /// <summary>The latest price in the answer (an FX pair's rate), or null.</summary>
    public static decimal? LatestPrice(string json) => Read(json).Result?.Meta?.RegularMarketPrice;

    private static (YahooChartResult? Result, string? Error) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        YahooChartDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, YahooJsonContext.Default.YahooChartDocument);
        }
        catch (JsonException exception)
        {
            return (null, $"Yahoo chart answer is not JSON: {exception.Message}");
        }

        if (document?.Chart is not { } chart)
        {
            return (null, "Yahoo chart answer has no \"chart\" object");
        }

        if (chart.Error is { } error)
        {
            return (null, $"Yahoo chart error {error.Code}: {error.Description}");
        }

        return chart.Result is [{ Meta.Symbol: not null } result, ..]
            ? (result, null)
            : (null, "Yahoo chart answer has no result with a symbol");
    }

    private static List<Bar> Bars(YahooChartResult result)
    {
        var times = result.Timestamp ?? [];
        var quote = result.Indicators?.Quote is [var first, ..] ? first : null;
        var closes = quote?.Close ?? [];
        var volumes = quote?.Volume ?? [];
        var bars = new List<Bar>(times.Count);
        for (var i = 0; i < times.Count && i < closes.Count; i++)
        {
            if (times[i] is { } time && closes[i] is { } close)
            {
                bars.Add(new Bar(DateTimeOffset.FromUnixTimeSeconds(time), close, i < volumes.Count ? volumes[i] : null));
            }
        }

        return bars;
    }

    /// <summary>The close of the last bar on a day before the market time's day (the last bar may be today's, still moving).</summary>
    private static decimal? PreviousBarClose(List<Bar> bars, long marketTime, long gmtOffset)
    {
        var offset = TimeSpan.FromSeconds(gmtOffset);
        var today = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(marketTime).ToOffset(offset).DateTime);
        for (var i = bars.Count - 1; i >= 0; i--)
        {
            if (DateOnly.FromDateTime(bars[i].Time.ToOffset(offset).DateTime) < today)
            {
                return bars[i].Close;
            }
        }

        return null;
    }

    private sealed record Bar(DateTimeOffset Time, decimal Close, decimal? Volume);
}
