using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>One applicant in an HKEX Application Proof / PHIP list (<c>appactive_app_sehk_e.json</c> and its siblings).</summary>
internal sealed class HkexAppRow
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Id { get; set; }

    /// <summary>First filing date, dd/MM/yyyy.</summary>
    [JsonPropertyName("d")]
    public string? Date { get; set; }

    [JsonPropertyName("a")]
    public string? Applicant { get; set; }

    /// <summary>A active; LP lapsed, W withdrawn, RJ rejected, RT returned; listed in the listed file.</summary>
    [JsonPropertyName("s")]
    public string? Status { get; set; }

    [JsonPropertyName("ls")]
    public List<HkexAppDocument>? Latest { get; set; }

    [JsonPropertyName("ps")]
    public List<HkexAppDocument>? Previous { get; set; }
}

internal sealed class HkexAppDocument
{
    [JsonPropertyName("d")]
    public string? Date { get; set; }

    /// <summary>The form ("Application Proof (1st submission)", "申請版本（第一次呈交）"); absent on OC announcements.</summary>
    [JsonPropertyName("nF")]
    public string? Form { get; set; }

    [JsonPropertyName("nS1")]
    public string? Name { get; set; }

    [JsonPropertyName("u1")]
    public string? Path { get; set; }
}
