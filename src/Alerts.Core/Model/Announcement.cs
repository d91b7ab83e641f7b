namespace Alerts.Core.Model;

/// <summary>
/// One exchange announcement. <see cref="Id"/> is "{Source}:{SourceId}", stable across polls, languages and restarts.
/// </summary>
public sealed record Announcement(
    string Id,
    string Source,
    string SourceId,
    IReadOnlyList<IssuerRef> Issuers,
    string Title,
    string Language,
    IReadOnlyList<AnnouncementCategory> Categories,
    string RawCategory,
    Uri? Url,
    DateTimeOffset PublishedAt)
{
    public static string MakeId(string source, string sourceId) => $"{source}:{sourceId}";

    /// <summary>An announcement whose <see cref="Id"/> is derived from its source and the source's own id, as it must be.</summary>
    public static Announcement Create(
        string source,
        string sourceId,
        IReadOnlyList<IssuerRef> issuers,
        string title,
        string language,
        IReadOnlyList<AnnouncementCategory> categories,
        string rawCategory,
        Uri? url,
        DateTimeOffset publishedAt) =>
        new(MakeId(source, sourceId), source, sourceId, issuers, title, language, categories, rawCategory, url, publishedAt);
}
