using Alerts.Core.Model;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Feeds;

/// <summary>One document of a poll that reads several (a list per board, a file per company): where, and how to parse it.</summary>
internal sealed record FeedRead(HttpRequestMessage Request, string Label, Func<FeedResponse, ParseResult<Announcement>> Parse);

/// <summary>
/// Polls that read several documents: each is read in turn; one that cannot be fetched or read is a problem labelled with
/// its document, the others' rows are kept; only all failing fails the poll (with the first failure).
/// </summary>
internal static class FeedReads
{
    public static async Task<FeedPoll> ReadAllAsync(
        string source,
        IReadOnlyList<FeedRead> reads,
        Func<HttpRequestMessage, Func<FeedResponse, ParseResult<Announcement>>, CancellationToken, Task<(ParseResult<Announcement>? Parsed, FeedError? Error)>> sendAndRead,
        CancellationToken cancellationToken)
    {
        var items = new List<Announcement>();
        var problems = new List<FeedProblem>();
        FeedError? firstError = null;
        var failed = 0;
        foreach (var read in reads)
        {
            var (parsed, error) = await sendAndRead(read.Request, read.Parse, cancellationToken);
            if (parsed is null || parsed.IsMalformed)
            {
                failed++;
                firstError ??= error ?? FeedError.Malformed(parsed!.Error!);
                problems.Add(new FeedProblem(read.Label, error?.ToString() ?? parsed!.Error!));
                continue;
            }

            items.AddRange(parsed.Items);
            problems.AddRange(parsed.Problems.Select(p => p with { Where = read.Label + " " + p.Where }));
        }

        return reads.Count > 0 && failed == reads.Count
            ? FeedPoll.Failed(source, firstError!)
            : FeedPoll.From(source, new ParseResult<Announcement>(items, problems));
    }
}
