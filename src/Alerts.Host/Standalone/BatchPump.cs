using System.Threading.Channels;

namespace Alerts.Host.Standalone;

/// <summary>
/// Drains a queue in batches: waits for a message, then takes every message already queued (up to a batch's size) and hands
/// them to one stage run. Under load a batch fills up and its writes share one transaction; when quiet a batch is one message
/// and nothing waits for company.
/// </summary>
internal static class BatchPump
{
    public static async Task RunAsync<T>(
        ChannelReader<T> reader, int maxBatch, Func<List<T>, Task> handle, CancellationToken draining)
    {
        while (await WaitToReadAsync(reader, draining))
        {
            var batch = new List<T>(Math.Min(maxBatch, reader.CanCount ? Math.Max(1, reader.Count) : maxBatch));
            while (!draining.IsCancellationRequested && batch.Count < maxBatch && reader.TryRead(out var message))
            {
                batch.Add(message);
            }

            if (batch.Count > 0)
            {
                await handle(batch);
            }
        }
    }

    private static async Task<bool> WaitToReadAsync<T>(ChannelReader<T> reader, CancellationToken draining)
    {
        try
        {
            return !draining.IsCancellationRequested && await reader.WaitToReadAsync(draining);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
