using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>One page of an LCI file as read: its rows, the file's <c>maxNumOfFile</c> (null when unreadable), or why it failed.</summary>
internal sealed record HkexLciPage(ParseResult<HkexLciDocument>? Rows, int? PageCount, FeedError? Error);

/// <summary>What paging one language's file gave: its numbered announcements, the new high-water newsId, and whether it left a gap.</summary>
internal sealed record HkexLciRead(ParseResult<Announcement> Parsed, long? HighWater, bool LeftGap, FeedError? Error);

/// <summary>
/// Pages one LCI file (newest first) back to the last poll's high-water newsId, then numbers the documents of every page read
/// together (<see cref="HkexDocumentKey.Number"/>): the ordinal of a document among those sharing its minute, codes and
/// headlines counts the older ones, which may sit on the next page. So when the last page read ends inside a minute that
/// holds new documents, the following page is read too (up to <see cref="ClosingPages"/>) until a row of an earlier minute
/// closes it; a minute that cannot be closed is left out and the high-water mark kept, so the next poll reads it again.
/// Without a high-water mark (a cold start) the first page is read, plus what closes its last minute.
/// </summary>
internal static class HkexLciPager
{
    public const int ClosingPages = 2;

    public static async Task<HkexLciRead> ReadAsync(
        Func<int, CancellationToken, Task<HkexLciPage>> fetch, long? highWater, int maxPages, CancellationToken cancellationToken)
    {
        var rows = new List<HkexLciDocument>();
        var newsIds = new HashSet<long>();
        var problems = new List<FeedProblem>();
        int? pageCount = null;
        var page = 0;
        var gap = false;
        var capped = false;
        var atEnd = false;
        while (true)
        {
            if (page == maxPages)
            {
                capped = true;
                problems.Add(new FeedProblem(
                    $"page {maxPages}", $"stopped after {maxPages} pages (MaxPages) without reaching what the last poll saw: older items of this burst are not read"));
                break;
            }

            page++;
            var read = await fetch(page, cancellationToken);
            if (read.Rows is null)
            {
                if (page == 1)
                {
                    return new HkexLciRead(ParseResult<Announcement>.Malformed("not read: " + read.Error), highWater, false, read.Error);
                }

                gap = true;
                problems.Add(new FeedProblem($"page {page}", read.Error + "; the next poll reads back over this gap"));
                break;
            }

            pageCount = page == 1 ? read.PageCount : pageCount;
            var added = 0;
            foreach (var document in read.Rows.Items.Where(d => newsIds.Add(d.NewsId)))
            {
                rows.Add(document);
                added++;
            }

            problems.AddRange(read.Rows.Problems);
            // A later page that only repeats rows already read is taken as the feed's end, as nothing past it can be learnt.
            atEnd = added == 0 || (pageCount is { } last && page >= last);
            if (highWater is null || read.Rows.Items.Any(d => d.NewsId <= highWater) || added == 0 || atEnd)
            {
                break;
            }
        }

        if (!atEnd && rows.Count > 0 && OpenMinute(rows, highWater) is { } minute)
        {
            var closed = !gap && !capped && await CloseAsync(fetch, page, pageCount, minute, rows, newsIds, cancellationToken);
            if (!closed)
            {
                rows.RemoveAll(d => d.Unnumbered.PublishedAt == minute && IsNew(d, highWater));
                gap = true;
                problems.Add(new FeedProblem($"page {page}", $"the documents of {minute:yyyy-MM-dd HH:mm} continue past the pages read; left for the next poll"));
            }
        }

        var numbered = HkexDocumentKey.Number([.. rows.Select(d => d.Unnumbered)], [.. rows.Select(d => d.NewsId)]);
        var next = gap && !capped ? highWater : rows.Select(d => (long?)d.NewsId).Append(highWater).Max();
        return new HkexLciRead(new ParseResult<Announcement>(numbered, problems), next, gap && !capped, null);
    }

    private static bool IsNew(HkexLciDocument document, long? highWater) => highWater is null || document.NewsId > highWater;

    /// <summary>The minute the last row read belongs to, when it holds a new document (its ordinals may need the next page).</summary>
    private static DateTimeOffset? OpenMinute(List<HkexLciDocument> rows, long? highWater)
    {
        var minute = rows[^1].Unnumbered.PublishedAt;
        return rows.Any(d => d.Unnumbered.PublishedAt == minute && IsNew(d, highWater)) ? minute : null;
    }

    /// <summary>Reads on until a row of an earlier minute (or the feed's end) shows the minute is complete, keeping its rows.</summary>
    private static async Task<bool> CloseAsync(
        Func<int, CancellationToken, Task<HkexLciPage>> fetch, int lastRead, int? pageCount, DateTimeOffset minute,
        List<HkexLciDocument> rows, HashSet<long> newsIds, CancellationToken cancellationToken)
    {
        for (var page = lastRead + 1; page <= lastRead + ClosingPages; page++)
        {
            var read = await fetch(page, cancellationToken);
            if (read.Rows is null)
            {
                return false;
            }

            var fresh = read.Rows.Items.Where(d => !newsIds.Contains(d.NewsId)).ToList();
            foreach (var document in fresh.Where(d => d.Unnumbered.PublishedAt == minute && newsIds.Add(d.NewsId)))
            {
                rows.Add(document);
            }

            if (fresh.Count == 0 || fresh.Any(d => d.Unnumbered.PublishedAt < minute) || (pageCount is { } last && page >= last))
            {
                return true;
            }
        }

        return false;
    }
}
