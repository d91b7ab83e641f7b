using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Cninfo;

/// <summary>One row of <c>announcements</c> in the CNINFO <c>hisAnnouncement/query</c> answer.</summary>
internal sealed class CninfoAnnouncementRow
{
    [JsonPropertyName("announcementId")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? AnnouncementId { get; set; }

    [JsonPropertyName("secCode")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? SecCode { get; set; }

    [JsonPropertyName("secName")]
    public string? SecName { get; set; }

    [JsonPropertyName("orgId")]
    public string? OrgId { get; set; }

    /// <summary>May carry &lt;em&gt; highlight tags.</summary>
    [JsonPropertyName("announcementTitle")]
    public string? Title { get; set; }

    /// <summary>Epoch milliseconds, usually midnight Beijing time.</summary>
    [JsonPropertyName("announcementTime")]
    public long? Time { get; set; }

    [JsonPropertyName("adjunctUrl")]
    public string? AdjunctUrl { get; set; }

    [JsonPropertyName("announcementTypeName")]
    public string? TypeName { get; set; }
}
