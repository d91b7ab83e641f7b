using System.Globalization;

namespace Alerts.Storage.Repositories;

/// <summary>
/// Row keys of the <c>work</c> table, all in the stage's partition so one batch keeps them consistent:
/// <c>k|{key}</c> points from a key to its item (and due time), <c>d|{due ticks}|{key}</c> orders items by due time, and
/// <c>n|{shard}</c> are counters of pending items, sharded by key so concurrent writers rarely update the same one.
/// </summary>
internal static class WorkRows
{
    public const int CounterShards = 64;

    public const string PointerPrefix = "k|";
    public const string DuePrefix = "d|";
    public const string CounterPrefix = "n|";

    public static string Pointer(string key) => PointerPrefix + StoreTables.Key(key);

    public static string Due(DateTimeOffset dueAt, string key) => DuePrefix + Ticks(dueAt) + "|" + StoreTables.Key(key);

    /// <summary>Exclusive upper bound of the due rows at or before <paramref name="dueBy"/>.</summary>
    public static string DueBefore(DateTimeOffset dueBy) => DuePrefix + Ticks(dueBy.AddTicks(1));

    public static string Counter(string key)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var ch in key)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return CounterPrefix + (hash % CounterShards).ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>The row key just past every row starting with <paramref name="prefix"/>.</summary>
    public static string End(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static long ParseCount(string data) => long.Parse(data, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static string FormatCount(long count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Ticks(DateTimeOffset at) => Math.Max(0, at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
