using System.Diagnostics;
using System.Globalization;
using Alerts.Core.Ports;
using Alerts.Storage;
using Alerts.Storage.Sqlite;

namespace Alerts.Benchmarks;

/// <summary>
/// <c>store</c> mode: writes/s into the SQLite store with 1 and 16 concurrent writers, a transaction per write (batch size 1,
/// how the store committed before group commit) beside group commit, at both durability settings. Each cell writes distinct
/// rows (insert-if-absent, ~300-byte JSON, like an alert or a delivery) into a fresh database for a fixed time.
/// </summary>
internal static class StoreBenchmark
{
    private static readonly string Payload = "{\"id\":\"x\",\"title\":\"" + new string('a', 260) + "\"}";

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args is ["--seconds", var text] && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 3;
        Console.WriteLine($"Alerts store benchmark: SQLite, .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {seconds:N1} s per cell");
        Console.WriteLine($"SQLite's default synchronous level here (what the store ran with before Alerts:Durability): {await DefaultSynchronousAsync()}");
        Console.WriteLine();
        Console.WriteLine("| durability | writers | transaction per write | group commit | speed-up | writes per commit |");
        Console.WriteLine("|------------|---------|-----------------------|--------------|----------|-------------------|");
        foreach (var durability in new[] { StoreDurability.Normal, StoreDurability.Full })
        {
            foreach (var writers in new[] { 1, 16 })
            {
                var perRow = await MeasureAsync(durability, writers, maxBatchSize: 1, seconds);
                var grouped = await MeasureAsync(durability, writers, new SqliteStoreOptions().MaxBatchSize, seconds);
                Console.WriteLine(
                    $"| {durability,-10} | {writers,7} | {perRow.WritesPerSecond,15:N0} /s | {grouped.WritesPerSecond,9:N0} /s | {grouped.WritesPerSecond / perRow.WritesPerSecond,7:N1}x | {grouped.WritesPerCommit,17:N1} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine("Pending-work cycles (add, move due time, remove: what each handed-off message costs), durability Normal:");
        Console.WriteLine("| writers | transaction per write | group commit |");
        Console.WriteLine("|---------|-----------------------|--------------|");
        foreach (var writers in new[] { 1, 16 })
        {
            var perRow = await MeasureWorkAsync(writers, maxBatchSize: 1, seconds);
            var grouped = await MeasureWorkAsync(writers, new SqliteStoreOptions().MaxBatchSize, seconds);
            Console.WriteLine($"| {writers,7} | {perRow,12:N0} cycles/s | {grouped,5:N0} cycles/s |");
        }

        return 0;
    }

    private static async Task<string> DefaultSynchronousAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) switch
        {
            0 => "OFF",
            1 => "NORMAL",
            2 => "FULL",
            var other => other.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static async Task<double> MeasureWorkAsync(int writers, int maxBatchSize, double seconds)
    {
        var directory = Directory.CreateTempSubdirectory("alerts-store-bench-");
        try
        {
            var options = new SqliteStoreOptions { MaxBatchSize = maxBatchSize };
            var entities = await SqliteEntityStore.OpenAsync(Path.Combine(directory.FullName, "alerts.db"), options, CancellationToken.None);
            await using var _ = entities;
            var work = (await AlertStore.CreateAsync(entities, CancellationToken.None)).Work;
            var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var watch = Stopwatch.StartNew();
            var limit = TimeSpan.FromSeconds(seconds);
            var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
            {
                var cycles = 0;
                while (watch.Elapsed < limit)
                {
                    var key = WorkItem.DeliveryKey("tenant", writer.ToString("D2", CultureInfo.InvariantCulture) + "-" + cycles.ToString("D9", CultureInfo.InvariantCulture));
                    await work.TryAddAsync(new WorkItem(WorkStage.Deliver, key, start), CancellationToken.None);
                    await work.PutAsync(new WorkItem(WorkStage.Deliver, key, start.AddMinutes(2)), CancellationToken.None);
                    await work.RemoveAsync(WorkStage.Deliver, key, CancellationToken.None);
                    cycles++;
                }

                return cycles;
            })));
            return counts.Sum() / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(double WritesPerSecond, double WritesPerCommit)> MeasureAsync(StoreDurability durability, int writers, int maxBatchSize, double seconds)
    {
        var directory = Directory.CreateTempSubdirectory("alerts-store-bench-");
        try
        {
            var options = new SqliteStoreOptions { Durability = durability, MaxBatchSize = maxBatchSize };
            await using var store = await SqliteEntityStore.OpenAsync(Path.Combine(directory.FullName, "alerts.db"), options, CancellationToken.None);
            var watch = Stopwatch.StartNew();
            var limit = TimeSpan.FromSeconds(seconds);
            var counts = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
            {
                var written = 0;
                while (watch.Elapsed < limit)
                {
                    var key = writer.ToString("D2", CultureInfo.InvariantCulture) + "-" + written.ToString("D9", CultureInfo.InvariantCulture);
                    if (await store.InsertIfAbsentAsync("deliveries", "tenant", key, Payload, CancellationToken.None) is null)
                    {
                        throw new InvalidOperationException($"Row {key} was written twice.");
                    }

                    written++;
                }

                return written;
            })));
            var elapsed = watch.Elapsed.TotalSeconds;
            var total = counts.Sum();
            return (total / elapsed, (double)total / Math.Max(1, store.Commits));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }
}
