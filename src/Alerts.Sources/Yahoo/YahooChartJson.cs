using System.Text.Json.Serialization;

namespace Alerts.Sources.Yahoo;

internal sealed class YahooChartDocument
{
    public YahooChart? Chart { get; set; }
}

internal sealed class YahooChart
{
    public List<YahooChartResult>? Result { get; set; }

    public YahooChartError? Error { get; set; }
}

internal sealed class YahooChartError
{
    public string? Code { get; set; }

    public string? Description { get; set; }
}

internal sealed class YahooChartResult
{
    public YahooChartMeta? Meta { get; set; }

    public List<long?>? Timestamp { get; set; }

    public YahooIndicators? Indicators { get; set; }
}

internal sealed class YahooChartMeta
{
    public string? Currency { get; set; }

    public string? Symbol { get; set; }

    public decimal? RegularMarketPrice { get; set; }

    public long? RegularMarketTime { get; set; }

    public decimal? RegularMarketVolume { get; set; }

    /// <summary>The close before the requested range's first bar: about a week ago for <c>range=5d</c>. Not the previous close.</summary>
    public decimal? ChartPreviousClose { get; set; }

    public decimal? PreviousClose { get; set; }

    public decimal? RegularMarketPreviousClose { get; set; }

    public long? Gmtoffset { get; set; }
}

internal sealed class YahooIndicators
{
    public List<YahooQuoteBars>? Quote { get; set; }
}

internal sealed class YahooQuoteBars
{
    public List<decimal?>? Close { get; set; }

    public List<decimal?>? Volume { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(YahooChartDocument))]
internal sealed partial class YahooJsonContext : JsonSerializerContext;
