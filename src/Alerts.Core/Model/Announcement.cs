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
}
