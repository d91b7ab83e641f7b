using System.Text.Json.Serialization;

namespace Alerts.Core.Handlers;

/// <summary>
/// Queue "events": an ingested event id to evaluate (the event itself is read from the store). <paramref name="TraceParent"/>
/// is the W3C trace context of the stage that queued it, absent in messages written before it existed.
/// </summary>
public sealed record EvaluateMessage(string EventId, [property: JsonPropertyName("traceparent")] string? TraceParent = null);

/// <summary>Queue "deliveries": one delivery to attempt, with the producing stage's W3C trace context when there was one.</summary>
public sealed record DeliverMessage(string TenantId, string DeliveryId, [property: JsonPropertyName("traceparent")] string? TraceParent = null);
