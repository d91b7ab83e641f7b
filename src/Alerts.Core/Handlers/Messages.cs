namespace Alerts.Core.Handlers;

/// <summary>Queue "events": an ingested event id to evaluate (the event itself is read from the store).</summary>
public sealed record EvaluateMessage(string EventId);

/// <summary>Queue "deliveries": one delivery to attempt.</summary>
public sealed record DeliverMessage(string TenantId, string DeliveryId);
