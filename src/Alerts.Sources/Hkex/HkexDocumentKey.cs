using System.Globalization;
using Alerts.Core.Model;

namespace Alerts.Sources.Hkex;

/// <summary>
/// The id an HKEX document has in both languages. HKEX files the English and Chinese versions as separate documents (own
/// newsId, own file, <c>…_c.pdf</c>) at the same minute, for the same stock codes, under the same headline codes; so the id is
/// that minute, the sorted stock codes and the sorted headline codes, plus the document's place (by newsId) among the
/// documents sharing them (numbered over every page a poll read, see <see cref="HkexLciPager"/>): <c>202608281905-02513-14200+14300-1</c>. Either language alone yields the same id, so a
/// late second language dedupes instead of alerting again. Both versions of a set filed together keep their order, as
/// HKEX numbers them in filing order.
/// </summary>
internal static class HkexDocumentKey
{
    /// <summary>The shared part, before the ordinal is known.</summary>
    public static string Of(DateTimeOffset published, IReadOnlyList<IssuerRef> issuers, IReadOnlyList<string> headlineCodes)
    {
        var codes = issuers.Select(i => i.Code!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var headlines = headlineCodes.Select(c => c[(c.IndexOf(':', StringComparison.Ordinal) + 1)..]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join(
            '-',
            published.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture),
            Joined(codes),
            Joined(headlines));
    }

    /// <summary>Appends each document's ordinal among the given documents sharing its key, in newsId order.</summary>
    public static List<Announcement> Number(IReadOnlyList<Announcement> announcements, IReadOnlyList<long> newsIds)
    {
        var ordinals = announcements
            .Select((announcement, i) => (announcement.SourceId, NewsId: newsIds[i], Index: i))
            .GroupBy(row => row.SourceId, StringComparer.Ordinal)
            .SelectMany(group => group.OrderBy(row => row.NewsId).Select((row, n) => (row.Index, Ordinal: n + 1)))
            .ToDictionary(row => row.Index, row => row.Ordinal);
        return [.. announcements.Select((announcement, i) =>
        {
            var sourceId = announcement.SourceId + "-" + ordinals[i].ToString(CultureInfo.InvariantCulture);
            return announcement with { SourceId = sourceId, Id = Announcement.MakeId(announcement.Source, sourceId) };
        })];
    }

    private static string Joined(IEnumerable<string> parts)
    {
        var joined = string.Join('+', parts);
        return joined.Length == 0 ? "x" : joined;
    }
}
