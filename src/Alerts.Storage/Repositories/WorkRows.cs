using System.Globalization;
using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

/// <summary>
/// Keys of the <c>work</c> table. A stage's work is spread over <see cref="Partitions"/> partitions (<c>Deliver|07</c>) by a
/// hash of the key, so no single Table Storage partition carries a stage's whole write rate. Within its partition a key has
/// three kinds of rows, kept consistent by one batch: <c>k|{key}</c> points from the key to its item (and due time),
/// <c>d|{due ticks}|{key}</c> orders items by due time, and <c>n|{i}</c> counts the partition's pending items (a few counter
/// rows, so concurrent writers rarely update the same one).
/// </summary>
internal static class WorkRows
{
    public const int Partitions = 16;
    public const int CountersPerPartition = 4;

    public const string PointerPrefix = "k|";
    public const string DuePrefix = "d|";
    public const string CounterPrefix = "n|";

    public static string Partition(WorkStage stage, string key) => PartitionName(stage, (int)(Hash(key) % Partitions));

    public static IEnumerable<string> AllPartitions(WorkStage stage) => Enumerable.Range(0, Partitions).Select(shard => PartitionName(stage, shard));

    /// <summary>The one partition per stage of the layout before the due-time index (one row per key, keyed by the key).</summary>
    public static string LegacyPartition(WorkStage stage) => stage.ToString();

    public static string Pointer(string key) => PointerPrefix + StoreTables.Key(key);

    public static string Due(DateTimeOffset dueAt, string key) => DuePrefix + Ticks(dueAt) + "|" + StoreTables.Key(key);

    /// <summary>Exclusive upper bound of the due rows at or before <paramref name="dueBy"/>.</summary>
    public static string DueBefore(DateTimeOffset dueBy) => DuePrefix + Ticks(dueBy.AddTicks(1));

    public static string Counter(string key) =>
        CounterPrefix + (Hash(key) / Partitions % CountersPerPartition).ToString(CultureInfo.InvariantCulture);

    /// <summary>The row key just past every row starting with <paramref name="prefix"/>.</summary>
    public static string End(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    public static long ParseCount(string data) => long.Parse(data, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static string FormatCount(long count) => count.ToString(CultureInfo.InvariantCulture);

    private static string PartitionName(WorkStage stage, int shard) => stage + "|" + shard.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>FNV-1a: stable across processes and machines, unlike string.GetHashCode.</summary>
    private static uint Hash(string key)
    {
        var hash = 2166136261u;
        foreach (var ch in key)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash;
    }

    private static string Ticks(DateTimeOffset at) => Math.Max(0, at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
}
