using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>One row of <c>newsInfoLst</c> in the LCI feed (<c>/ncms/json/eds/lci{board}{window}relsd{lang}_{page}.json</c>).</summary>
internal sealed class HkexLciRow
{
    [JsonPropertyName("newsId")]
    public long? NewsId { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("lTxt")]
    public string? LongText { get; set; }

    [JsonPropertyName("webPath")]
    public string? WebPath { get; set; }

    [JsonPropertyName("stock")]
    public List<HkexLciStock>? Stock { get; set; }

    [JsonPropertyName("relTime")]
    public string? RelTime { get; set; }

    [JsonPropertyName("t1Code")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? T1Code { get; set; }

    [JsonPropertyName("t2Code")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? T2Code { get; set; }
}

internal sealed class HkexLciStock
{
    [JsonPropertyName("sc")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Code { get; set; }

    [JsonPropertyName("sn")]
    public string? Name { get; set; }
}
