using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>
/// Merges the English and Chinese pages of the LCI feed into one announcement per document: the English version leads
/// (subscribers have no language preference in the model yet) and the Chinese title rides along as a translation; a document
/// seen in only one language is kept as it is, under the same id its pair would have.
/// </summary>
public static class HkexLanguagePairs
{
    public static ParseResult<Announcement> Merge(ParseResult<Announcement> english, ParseResult<Announcement> chinese)
    {
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(chinese);
        var chineseById = chinese.Items.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var merged = new List<Announcement>();
        var paired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var announcement in english.Items)
        {
            if (!paired.Add(announcement.Id))
            {
                continue;
            }

            merged.Add(chineseById.TryGetValue(announcement.Id, out var other) ? Pair(announcement, other) : announcement);
        }

        merged.AddRange(chinese.Items.Where(a => paired.Add(a.Id)));
        if (english.IsMalformed && chinese.IsMalformed)
        {
            return ParseResult<Announcement>.Malformed($"English page: {english.Error}; Chinese page: {chinese.Error}");
        }

        var problems = new List<FeedProblem>();
        if (english.IsMalformed)
        {
            problems.Add(new FeedProblem("English page", english.Error!));
        }

        if (chinese.IsMalformed)
        {
            problems.Add(new FeedProblem("Chinese page", chinese.Error!));
        }

        return new ParseResult<Announcement>(
            [.. merged.OrderByDescending(a => a.PublishedAt)], [.. english.Problems, .. chinese.Problems, .. problems]);
    }

    private static Announcement Pair(Announcement english, Announcement chinese) => english with
    {
        Translations = [new AnnouncementTranslation(chinese.Language, chinese.Title, chinese.Url)],
        Categories = AnnouncementClassifier.Union(english.Categories, chinese.Categories),
        Issuers = [.. english.Issuers.Select(issuer => issuer with { Name = issuer.Name ?? chinese.Issuers.FirstOrDefault(i => i.Code == issuer.Code)?.Name })],
    };
}
