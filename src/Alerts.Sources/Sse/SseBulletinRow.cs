using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>One document of <c>queryCompanyBulletinNew.do</c> (and of the legacy <c>queryCompanyBulletin.do</c>).</summary>
internal sealed class SseBulletinRow
{
    [JsonPropertyName("ORG_BULLETIN_ID")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? BulletinId { get; set; }

    /// <summary>0 = the main document, 1 = an attachment of the same group.</summary>
    [JsonPropertyName("ORG_FILE_TYPE")]
    public int? FileType { get; set; }

    [JsonPropertyName("SECURITY_CODE")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? SecurityCode { get; set; }

    [JsonPropertyName("SECURITY_NAME")]
    public string? SecurityName { get; set; }

    [JsonPropertyName("SSEDATE")]
    public string? Date { get; set; }

    [JsonPropertyName("TITLE")]
    public string? Title { get; set; }

    [JsonPropertyName("URL")]
    public string? Url { get; set; }

    [JsonPropertyName("BULLETIN_TYPE_DESC")]
    public string? TypeDescription { get; set; }

    [JsonPropertyName("BULLETIN_TYPE")]
    public string? LegacyType { get; set; }
}
