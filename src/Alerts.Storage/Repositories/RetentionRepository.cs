using System.Globalization;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// Retention over the primitive. Nothing in the layout orders history by time, so each pass reads its table once (a daily
/// background job) and deletes old rows with the ETag they were read with, in partition batches: a row that changed while
/// the pass ran (a dead letter redelivered, say) is kept. Pending work is checked through the work index before anything it needs is removed.
/// </summary>
internal sealed class RetentionRepository(StoreTables tables, WorkRepository work) : IRetentionRepository
{
    private IEntityStore Store => tables.Store;

    public async Task<PurgeCounts> PurgeEventsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var events = new RowDeleter(Store, tables.Events.Name);
        await foreach (var row in Store.QueryAsync(tables.Events.Name, null, null, null, cancellationToken))
        {
            var marketEvent = tables.Events.Deserialize(row);
            if (marketEvent.OccurredAt < before && !await work.IsPendingAsync(WorkStage.Evaluate, marketEvent.Id, cancellationToken))
            {
                await events.AddAsync(row, cancellationToken);
            }
        }

        await events.FlushAsync(cancellationToken);
        return PurgeCounts.Zero with { Events = events.Deleted };
    }

    public async Task<PurgeCounts> PurgeAlertsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        // Pass 1: finished deliveries of old alerts go (attempts first, so none is left without its delivery); every alert
        // with a delivery that is pending, or that could not be removed, is remembered and kept in pass 2.
        var keep = new HashSet<(string TenantId, string AlertId)>();
        int deliveries = 0, attempts = 0;
        await foreach (var row in Store.QueryAsync(tables.Deliveries.Name, null, null, null, cancellationToken))
        {
            var delivery = tables.Deliveries.Deserialize(row);
            if (await IsInFlightAsync(delivery, cancellationToken))
            {
                keep.Add((delivery.TenantId, delivery.AlertId));
                continue;
            }

            if (delivery.CreatedAt >= before)
            {
                continue;
            }

            attempts += await DeleteAttemptsAsync(delivery, null, cancellationToken);
            if (await Store.DeleteAsync(tables.Deliveries.Name, row.PartitionKey, row.RowKey, row.ETag, cancellationToken))
            {
                deliveries++;
            }
            else
            {
                keep.Add((delivery.TenantId, delivery.AlertId));
            }
        }

        var alerts = new RowDeleter(Store, tables.Alerts.Name);
        await foreach (var row in Store.QueryAsync(tables.Alerts.Name, null, null, null, cancellationToken))
        {
            var alert = tables.Alerts.Deserialize(row);
            if (alert.CreatedAt < before && !keep.Contains((alert.TenantId, alert.Id)))
            {
                await alerts.AddAsync(row, cancellationToken);
            }
        }

        await alerts.FlushAsync(cancellationToken);
        return new PurgeCounts(0, alerts.Deleted, deliveries, attempts);
    }

    public async Task<PurgeCounts> PurgeAttemptsAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        // Attempt row keys start with the attempt's time, so one partition (one delivery) is cut with a key range.
        var attempts = 0;
        string? partition = null;
        await foreach (var row in Store.QueryAsync(tables.Attempts.Name, null, null, null, cancellationToken))
        {
            if (row.PartitionKey == partition)
            {
                continue;
            }

            partition = row.PartitionKey;
            var attempt = tables.Attempts.Deserialize(row);
            if (attempt.At >= before)
            {
                continue; // the oldest attempt of this delivery is recent enough
            }

            var delivery = (await tables.Deliveries.GetAsync(StoreTables.Key(attempt.TenantId), StoreTables.Key(attempt.DeliveryId), cancellationToken))?.Value;
            if (delivery is null || !await IsInFlightAsync(delivery, cancellationToken))
            {
                attempts += await DeleteAttemptsAsync(attempt.TenantId, attempt.DeliveryId, before, cancellationToken);
            }
        }

        return PurgeCounts.Zero with { Attempts = attempts };
    }

    private async Task<bool> IsInFlightAsync(Delivery delivery, CancellationToken cancellationToken) =>
        delivery.Status == DeliveryStatus.Pending
        || await work.IsPendingAsync(WorkStage.Deliver, WorkItem.DeliveryKey(delivery.TenantId, delivery.Id), cancellationToken);

    private Task<int> DeleteAttemptsAsync(Delivery delivery, DateTimeOffset? before, CancellationToken cancellationToken) =>
        DeleteAttemptsAsync(delivery.TenantId, delivery.Id, before, cancellationToken);

    private async Task<int> DeleteAttemptsAsync(string tenantId, string deliveryId, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var partition = StoreTables.Compound(tenantId, deliveryId);
        var upTo = before?.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        var rows = new List<StoredEntity>();
        await foreach (var row in Store.QueryAsync(tables.Attempts.Name, partition, null, upTo, cancellationToken))
        {
            rows.Add(row);
        }

        var attempts = new RowDeleter(Store, tables.Attempts.Name);
        foreach (var row in rows)
        {
            await attempts.AddAsync(row, cancellationToken);
        }

        await attempts.FlushAsync(cancellationToken);
        return attempts.Deleted;
    }
}
