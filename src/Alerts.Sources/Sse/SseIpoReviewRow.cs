using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>One project of the SSE IPO review list (<c>commonSoaQuery.do?sqlId=SH_XM_LB</c>).</summary>
internal sealed class SseIpoReviewRow
{
    [JsonPropertyName("stockAuditNum")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? AuditNumber { get; set; }

    [JsonPropertyName("stockAuditName")]
    public string? AuditName { get; set; }

    [JsonPropertyName("currStatus")]
    public int? Status { get; set; }

    [JsonPropertyName("registeResult")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? RegistrationResult { get; set; }

    [JsonPropertyName("commitiResult")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? CommitteeResult { get; set; }

    /// <summary>1 = STAR Market (科创板), 2 = main board.</summary>
    [JsonPropertyName("issueMarketType")]
    public int? MarketType { get; set; }

    [JsonPropertyName("updateDate")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? UpdateDate { get; set; }

    [JsonPropertyName("auditApplyDate")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? ApplyDate { get; set; }
}
