using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>One row of the title search servlet's <c>result</c> string, once that string is parsed as JSON itself.</summary>
internal sealed class HkexTitleSearchRow
{
    [JsonPropertyName("NEWS_ID")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? NewsId { get; set; }

    [JsonPropertyName("STOCK_CODE")]
    public string? StockCode { get; set; }

    [JsonPropertyName("STOCK_NAME")]
    public string? StockName { get; set; }

    [JsonPropertyName("TITLE")]
    public string? Title { get; set; }

    [JsonPropertyName("LONG_TEXT")]
    public string? LongText { get; set; }

    [JsonPropertyName("DATE_TIME")]
    public string? DateTime { get; set; }

    [JsonPropertyName("FILE_LINK")]
    public string? FileLink { get; set; }
}
