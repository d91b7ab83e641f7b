using System.Text.Json.Serialization;

namespace Alerts.Core.Handlers;

/// <summary>
/// Queue "events": an ingested event id to evaluate (the event itself is read from the store). <paramref name="TraceParent"/>
/// is the W3C trace context of the stage that queued it, absent in messages written before it existed.
/// </summary>
public sealed record EvaluateMessage(string EventId, [property: JsonPropertyName("traceparent")] string? TraceParent = null);

/// <summary>Queue "deliveries": one delivery to attempt, with the producing stage's W3C trace context when there was one.</summary>
public sealed record DeliverMessage(string TenantId, string DeliveryId, [property: JsonPropertyName("traceparent")] string? TraceParent = null)
{
    /// <summary>
    /// The alert as the evaluation that created this delivery just stored it, when the message is handed over in memory (never
    /// serialised): the send need not read it back. Absent on a queue, after a restart and for a replayed alert.
    /// </summary>
    [JsonIgnore]
    public Model.Alert? Alert { get; init; }

    /// <summary>
    /// The delivery row as that evaluation inserted it, with its ETag (in memory only, like <see cref="Alert"/>): the lease is
    /// taken on it without reading the row first; if the row changed meanwhile the conditional write fails and it is read.
    /// </summary>
    [JsonIgnore]
    public Ports.Versioned<Model.Delivery>? Inserted { get; init; }

    /// <summary>
    /// Set by a driver that holds the store exclusively (the standalone pipeline's data-directory lock) on the deliveries it
    /// recovers: when it took the store over. A lease granted before then was held by a process that has ended, so it is not
    /// waited out (in memory only).
    /// </summary>
    [JsonIgnore]
    public DateTimeOffset? StoreOwnedSince { get; init; }

    // A message is its delivery and trace context; the rows it may carry are copies of stored rows, not part of it.
    public bool Equals(DeliverMessage? other) =>
        other is not null && TenantId == other.TenantId && DeliveryId == other.DeliveryId && TraceParent == other.TraceParent;

    public override int GetHashCode() => HashCode.Combine(TenantId, DeliveryId, TraceParent);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("TenantId = ").Append(TenantId).Append(", DeliveryId = ").Append(DeliveryId).Append(", TraceParent = ").Append(TraceParent);
        return true;
    }
}
