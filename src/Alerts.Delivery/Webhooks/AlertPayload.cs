namespace Alerts.Delivery.Webhooks;

// The webhook body, schema version 1 (see SCHEMA.md). Additive changes keep the version; anything else bumps it.

public sealed record WebhookEnvelope(string Type, DateTimeOffset Timestamp, AlertData Data);

public sealed record AlertData(
    int SchemaVersion,
    string AlertId,
    string DeliveryId,
    string TenantId,
    RuleRef Rule,
    EventRef Event,
    CompanyRef Company,
    string Headline,
    string Detail,
    string? Url,
    IReadOnlyList<string> Categories,
    PriceData? Price);

public sealed record RuleRef(string Id, string Name);

public sealed record EventRef(string Id, string Kind, DateTimeOffset OccurredAt);

public sealed record CompanyRef(string? Id, string Name);

public sealed record PriceData(string? Symbol, decimal Price, decimal? ChangePercent, string? Currency);
