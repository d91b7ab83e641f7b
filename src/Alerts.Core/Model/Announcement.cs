namespace Alerts.Core.Model;

/// <summary>
/// One exchange announcement. <see cref="Id"/> is "{Source}:{SourceId}", stable across polls, languages and restarts.
/// <see cref="Title"/> is in <see cref="Language"/>; <see cref="Translations"/> holds the same document's other language
/// versions (HKEX files each document in English and Chinese), so one announcement is one event whatever the language.
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
    DateTimeOffset PublishedAt,
    IReadOnlyList<AnnouncementTranslation>? Translations = null)
{
    /// <summary>Every title the announcement carries, its own first: what keyword rules search.</summary>
    public string MatchText() => Translations is not { Count: > 0 } others ? Title : string.Join('\n', others.Select(t => t.Title).Prepend(Title));

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

/// <summary>Another language version of an announcement: its language tag (<c>zh-Hant</c>), title and document.</summary>
public sealed record AnnouncementTranslation(string Language, string Title, Uri? Url);
