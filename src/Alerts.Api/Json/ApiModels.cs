using Alerts.Core.Model;
using Alerts.Core.Notifications;

namespace Alerts.Api.Json;

// Requests. Optional members have defaults; anything not listed here is refused.
public sealed record CreateTenantRequest(string Name);

public sealed record CreateKeyRequest(string? Name = null);

public sealed record AliasRequest(string Company);

public sealed record WatchlistRequest(string Name, IReadOnlyList<string>? Companies = null, string? Id = null);

public sealed record WatchlistCompanyRequest(string Company);

/// <summary>On update, an omitted target or secret keeps the stored one (they are write-only).</summary>
public sealed record ChannelRequest(string Name, ChannelKind Kind, string? Target = null, string? Secret = null, bool? Enabled = null, string? Id = null);

public sealed record SubscriptionRequest(
    string RuleId,
    IReadOnlyList<string> ChannelIds,
    string? Id = null,
    string? TimeZone = null,
    QuietHours? QuietHours = null,
    DigestSchedule? Digest = null,
    IReadOnlyDictionary<string, MessageTemplate>? Templates = null);

public sealed record RedeliverRequest(DateTimeOffset Since);

public sealed record DryRunRequest(DateTimeOffset? Since = null);

/// <summary>The backtest body's shape, for the OpenAPI document (rules are read one by one, each like a rule's own body).</summary>
public sealed record BacktestRequestShape(IReadOnlyList<Alerts.Core.Rules.Rule> Rules, DateTimeOffset? From = null, DateTimeOffset? To = null);

public sealed record SubscriberRequest(string Email);

public sealed record TokenRequest(string Token);

// Responses.
/// <summary>The same answer whether or not the address was known, so it cannot be used to find out.</summary>
public sealed record LinkSent(string Detail);

/// <summary>A confirmed subscriber; <see cref="ApiKey"/> only the first time, as when an operator creates a tenant.</summary>
public sealed record SubscriberConfirmed(string TenantId, string Email, ApiKeyCreated? ApiKey);

public sealed record TenantView(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>The only time a key is shown whole.</summary>
public sealed record ApiKeyCreated(string Id, string Prefix, string Key);

public sealed record TenantCreated(TenantView Tenant, ApiKeyCreated ApiKey);

public sealed record ApiKeyView(string Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record AliasView(string Alias, string CompanyId);

/// <summary>A company with its listings and, when the IPO pipelines have seen one, its applications (the latest status per exchange).</summary>
public sealed record CompanyView(string Id, IReadOnlyList<string> Names, IReadOnlyList<Listing> Listings, IReadOnlyList<Companies.ListingApplication> Applications);

/// <summary>A channel as the API shows it: the target only as far as it is not a credential, the secret never.</summary>
public sealed record ChannelView(string Id, string Name, ChannelKind Kind, string Target, bool HasSecret, bool Enabled, string? DisabledReason);

public sealed record ItemList<T>(IReadOnlyList<T> Items);

public sealed record PageView<T>(IReadOnlyList<T> Items, string? ContinuationToken);

public sealed record DeliveryView(Alerts.Core.Model.Delivery Delivery, IReadOnlyList<DeliveryAttempt> Attempts);

public sealed record AlertDetail(Alert Alert, IReadOnlyList<DeliveryView> Deliveries);

public sealed record TestSendResult(string Outcome, int? StatusCode, FailureReason Reason, string? Detail);

public sealed record RedeliverFailure(string DeliveryId, string Problem);

public sealed record RedeliverResult(IReadOnlyList<string> Redelivered, IReadOnlyList<RedeliverFailure> Failed);

/// <summary>A feed source's status; its paging cursor and look-back floor stay internal.</summary>
public sealed record SourceView(
    string Source, string Kind, DateTimeOffset? LastPollAt, DateTimeOffset? LastSuccessAt, int RowsRead, int NewEvents, int SkippedRows,
    string? LastError, DateTimeOffset? LastErrorAt, int ConsecutiveFailures, DateTimeOffset? NextPollAt, DateTimeOffset? HeldUntil)
{
    public static SourceView From(Alerts.Core.Ports.SourceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            status.Source, status.Kind, status.LastPollAt, status.LastSuccessAt, status.RowsRead, status.NewEvents, status.SkippedRows,
            status.LastError, status.LastErrorAt, status.ConsecutiveFailures, status.NextPollAt, status.HeldUntil);
    }
}

/// <summary>What unsaved rules would have raised on a stored range, and each time a market rule could not decide and why.</summary>
public sealed record BacktestAnswer(DateTimeOffset From, DateTimeOffset To, int EventsExamined, IReadOnlyList<Alert> Alerts, IReadOnlyList<Core.Rules.HeldBackNote> HeldBack);

/// <summary>A dry run's alerts, and each time a market rule could not decide and why (<see cref="HeldBackNote"/>).</summary>
public sealed record DryRunResult(DateTimeOffset Since, int EventsExamined, IReadOnlyList<Alert> Alerts, IReadOnlyList<Core.Rules.HeldBackNote> HeldBack);

public sealed record HealthView(string Status);
