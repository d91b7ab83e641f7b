using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Szse;

/// <summary>One row of the SZSE IPO project list (<c>/api/ras/projectrends/query?bizType=1</c>).</summary>
internal sealed class SzseIpoProjectRow
{
    [JsonPropertyName("prjid")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ProjectId { get; set; }

    [JsonPropertyName("cmpnm")]
    public string? Company { get; set; }

    /// <summary>The status in the exchange's words: 已受理, 已问询, 上市委会议通过, 提交注册, 注册生效, 终止(撤回)…</summary>
    [JsonPropertyName("prjst")]
    public string? Status { get; set; }

    [JsonPropertyName("boardName")]
    public string? Board { get; set; }

    [JsonPropertyName("sprinsts")]
    public string? Sponsor { get; set; }

    [JsonPropertyName("updtdt")]
    public string? Updated { get; set; }

    [JsonPropertyName("acptdt")]
    public string? Accepted { get; set; }
}
