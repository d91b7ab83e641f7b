using System.Globalization;
using System.Text.Json;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Categories;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>
/// Parses SSE company bulletins (<c>queryCompanyBulletinNew.do</c>, JSONP). Rows come as a list of groups: a main document
/// followed by its attachments (ORG_FILE_TYPE 1, same ORG_BULLETIN_ID), which are folded into the main document. The legacy
/// endpoint's flat array of documents is read too. SSEDATE is a date only, so the time is midnight Beijing time.
/// </summary>
public static class SseBulletinParser
{
    public const string Source = "sse";

    public static readonly Uri DocumentHost = new("https://static.sse.com.cn");

    public static ParseResult<Announcement> Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var document = SseResponse.TryOpen(body, "SSE bulletin", out var rows, out var error);
        if (document is null)
        {
            return ParseResult<Announcement>.Malformed(error!);
        }

        var collected = new ParseCollector<Announcement>();
        var index = 0;
        foreach (var element in rows.EnumerateArray())
        {
            var where = $"data[{index++}]";
            var group = element.ValueKind switch
            {
                JsonValueKind.Array => element.EnumerateArray().ToList(),
                JsonValueKind.Object => [element],
                _ => null,
            };
            if (group is null || group.Count == 0)
            {
                collected.Problem(where, $"expected a document or a group of documents, found {element.ValueKind}");
                continue;
            }

            var documents = new List<SseBulletinRow>();
            foreach (var item in group)
            {
                if (JsonRows.TryRead(item, SseJsonContext.Default.SseBulletinRow, out var row, out var rowError))
                {
                    documents.Add(row!);
                }
                else
                {
                    collected.Problem(where, rowError!);
                }
            }

            var main = documents.FirstOrDefault(doc => doc.FileType != 1) ?? documents.FirstOrDefault();
            if (main is null)
            {
                continue;
            }

            var problem = TryMap(main, out var announcement);
            collected.Add(where, announcement, problem);
        }

        return collected.ToResult();
    }

    private static string? TryMap(SseBulletinRow row, out Announcement? announcement)
    {
        announcement = null;
        var sourceId = string.IsNullOrWhiteSpace(row.BulletinId) ? row.Url?.Trim() : row.BulletinId.Trim();
        if (string.IsNullOrEmpty(sourceId))
        {
            return "neither ORG_BULLETIN_ID nor URL is present";
        }

        var title = HtmlText.ToPlain(row.Title);
        if (title.Length == 0)
        {
            return $"bulletin {sourceId}: missing TITLE";
        }

        if (!DateOnly.TryParseExact(row.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return $"bulletin {sourceId}: SSEDATE '{row.Date}' is not yyyy-MM-dd";
        }

        IReadOnlyList<IssuerRef> issuers = string.IsNullOrWhiteSpace(row.SecurityCode)
            ? []
            : [new IssuerRef(SymbolFormat.Sse, row.SecurityCode.Trim(), row.SecurityName?.Trim())];
        announcement = Announcement.Create(
            Source,
            sourceId,
            issuers,
            title,
            SseResponse.Language,
            AnnouncementClassifier.Classify(title),
            row.TypeDescription ?? row.LegacyType ?? string.Empty,
            Urls.Join(DocumentHost, row.Url),
            ChinaTime.StartOf(date));
        return null;
    }
}
