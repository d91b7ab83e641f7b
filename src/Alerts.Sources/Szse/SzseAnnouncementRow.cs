using System.Text.Json.Serialization;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Szse;

/// <summary>One row of <c>data</c> in the SZSE announcement list (<c>/api/disc/announcement/annList</c>).</summary>
internal sealed class SzseAnnouncementRow
{
    [JsonPropertyName("id")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? Id { get; set; }

    [JsonPropertyName("annId")]
    [JsonConverter(typeof(FlexibleStringConverter))]
    public string? AnnId { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("publishTime")]
    public string? PublishTime { get; set; }

    [JsonPropertyName("attachPath")]
    public string? AttachPath { get; set; }

    /// <summary>Arrays: one announcement can concern a stock and its bonds.</summary>
    [JsonPropertyName("secCode")]
    public List<string>? SecCodes { get; set; }

    [JsonPropertyName("secName")]
    public List<string>? SecNames { get; set; }

    [JsonPropertyName("bigCategoryId")]
    public List<string>? BigCategoryIds { get; set; }
}

/// <summary>The JSON body annList expects; every filter is an array.</summary>
internal sealed class SzseAnnouncementQuery
{
    [JsonPropertyName("seDate")]
    public required string[] SeDate { get; init; }

    [JsonPropertyName("channelCode")]
    public string[] ChannelCode { get; init; } = ["listedNotice_disc"];

    [JsonPropertyName("pageSize")]
    public int PageSize { get; init; } = 50;

    [JsonPropertyName("pageNum")]
    public int PageNum { get; init; } = 1;
}
