using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Holding;

/// <summary>
/// Releases the batches of held deliveries that are due (run by the retry sweep in both hosts). A chat or email channel gets
/// one summary per chunk of its batch; a signed webhook or Service Bus queue gets each held delivery as it was (machines read
/// one event per message), as does a batch of one. Every write is insert-if-absent or ETag-conditional and the batch's rows
/// go last, so a crash part-way through repeats the release without sending anything twice.
/// </summary>
public sealed partial class HeldDeliveryReleaser(
    IHeldDeliveryRepository held,
    IDeliveryRepository deliveries,
    IAlertRepository alerts,
    IWorkRepository work,
    PipelineOptions options,
    TimeProvider time,
    ILogger<HeldDeliveryReleaser> logger)
{
    public async Task<IReadOnlyList<DeliverMessage>> ReleaseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = new List<WorkItem>();
        await foreach (var item in work.ListDueAsync(WorkStage.Release, now, cancellationToken))
        {
            due.Add(item);
        }

        var messages = new List<DeliverMessage>();
        foreach (var item in due)
        {
            messages.AddRange(await ReleaseAsync(item.Key, now, cancellationToken));
        }

        return messages;
    }

    private async Task<List<DeliverMessage>> ReleaseAsync(string batchKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await held.ListAsync(batchKey, cancellationToken);
        var items = new List<(HeldDelivery Row, Versioned<Delivery> Delivery, Alert Alert)>();
        foreach (var row in rows)
        {
            if (await deliveries.GetAsync(row.TenantId, row.DeliveryId, cancellationToken) is { } delivery
                && await alerts.GetAsync(row.TenantId, row.AlertId, cancellationToken) is { } alert)
            {
                items.Add((row, delivery, alert));
            }
        }

        items.Sort((a, b) => (a.Alert.OccurredAt, a.Alert.Id).CompareTo((b.Alert.OccurredAt, b.Alert.Id)));
        var messages = new List<DeliverMessage>();
        if (items.Count == 1 || items.Count > 0 && items[0].Row.ChannelKind is ChannelKind.Webhook or ChannelKind.ServiceBus)
        {
            foreach (var item in items)
            {
                await ReleaseOneAsync(item.Delivery, now, messages, cancellationToken);
            }
        }
        else if (items.Count > 0)
        {
            await SummarizeAsync(items, now, messages, cancellationToken);
        }

        foreach (var row in rows)
        {
            await held.RemoveAsync(batchKey, row.DeliveryId, cancellationToken);
        }

        await work.RemoveAsync(WorkStage.Release, batchKey, cancellationToken);
        LogReleased(logger, batchKey, rows.Count, messages.Count);
        return messages;
    }

    private async Task ReleaseOneAsync(Versioned<Delivery> stored, DateTimeOffset now, List<DeliverMessage> messages, CancellationToken cancellationToken)
    {
        var delivery = stored.Value;
        if (delivery.Status != DeliveryStatus.Held)
        {
            return; // released by an earlier run of this batch
        }

        await work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey(delivery.TenantId, delivery.Id), now + options.RedeliveryGrace), cancellationToken);
        if (await deliveries.TryReplaceAsync(delivery with { Status = DeliveryStatus.Pending, NextAttemptAt = now }, stored.ETag, cancellationToken) is not null)
        {
            messages.Add(new DeliverMessage(delivery.TenantId, delivery.Id));
        }
    }

    private async Task SummarizeAsync(
        List<(HeldDelivery Row, Versioned<Delivery> Delivery, Alert Alert)> items, DateTimeOffset now, List<DeliverMessage> messages, CancellationToken cancellationToken)
    {
        var batch = items[0].Row;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(batch.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var chunks = SummaryAlert.Chunk([.. items.Select(i => i.Alert)], zone);
        var offset = 0;
        for (var part = 0; part < chunks.Count; part++)
        {
            var chunk = chunks[part];
            var summary = SummaryAlert.Build(StableIds.Summary(batch.BatchKey, part), batch, chunk, part + 1, chunks.Count, zone, now);
            await alerts.TryAddAsync(summary, cancellationToken);
            var carrier = new Delivery(
                batch.TenantId, StableIds.Delivery(summary.Id, batch.ChannelId), summary.Id, batch.ChannelId, batch.ChannelKind,
                DeliveryStatus.Pending, AttemptCount: 0, CreatedAt: now, NextAttemptAt: now);
            var existing = await deliveries.GetAsync(carrier.TenantId, carrier.Id, cancellationToken);
            if (existing is null || existing.Value.Status == DeliveryStatus.Pending)
            {
                // The pending row goes first, as everywhere: a crash before the send leaves work the sweep resends.
                await work.PutAsync(new WorkItem(WorkStage.Deliver, WorkItem.DeliveryKey(carrier.TenantId, carrier.Id), now + options.RedeliveryGrace), cancellationToken);
                await deliveries.TryAddAsync(carrier, cancellationToken);
                messages.Add(new DeliverMessage(carrier.TenantId, carrier.Id));
            }

            foreach (var (_, stored, _) in items.Skip(offset).Take(chunk.Count))
            {
                if (stored.Value.Status == DeliveryStatus.Held)
                {
                    await deliveries.TryReplaceAsync(
                        stored.Value with { Status = DeliveryStatus.Summarized, SummaryDeliveryId = carrier.Id, NextAttemptAt = now }, stored.ETag, cancellationToken);
                }
            }

            offset += chunk.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Released held batch {BatchKey}: {Held} held deliveries, {Messages} sends")]
    private static partial void LogReleased(ILogger logger, string batchKey, int held, int messages);
}
