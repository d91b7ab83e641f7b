using Alerts.Core.Model;

namespace Alerts.Sources.Feeds;

/// <summary>A paged source's cursor: the ids of the newest items a poll saw, one per line (at most 50: the next poll meets one of them first).</summary>
internal static class FeedCursor
{
    private const int Keep = 50;

    public static string? Of(IReadOnlyList<MarketEvent> newestFirst) =>
        newestFirst.Count == 0 ? null : string.Join('\n', newestFirst.OrderByDescending(e => e.OccurredAt).Take(Keep).Select(e => e.Id));

    public static HashSet<string> Ids(string? cursor) =>
        new(cursor?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [], StringComparer.Ordinal);
}
