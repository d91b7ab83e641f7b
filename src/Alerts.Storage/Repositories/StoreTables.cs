using Alerts.Core.Serialization;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// The table layout in one place. Partition keys follow the access paths: per tenant for what a tenant lists,
/// per delivery for its attempts, per rule for its state, per stage for pending work.
/// </summary>
internal sealed class StoreTables(IEntityStore store)
{
    private static AlertsJsonContext Json => AlertsJsonContext.Default;

    /// <summary>The primitive underneath, for repositories that keep index rows beside their documents.</summary>
    public IEntityStore Store => store;

    public JsonTable<Core.Model.MarketEvent> Events { get; } = new(store, "events", Json.MarketEvent);
    public JsonTable<Core.Model.Company> Companies { get; } = new(store, "companies", Json.Company);
    public JsonTable<Core.Rules.Rule> Rules { get; } = new(store, "rules", Json.Rule);
    public JsonTable<Core.Model.Watchlist> Watchlists { get; } = new(store, "watchlists", Json.Watchlist);
    public JsonTable<Core.Model.Channel> Channels { get; } = new(store, "channels", Json.Channel);
    public JsonTable<Core.Model.Subscription> Subscriptions { get; } = new(store, "subscriptions", Json.Subscription);
    public JsonTable<Core.Model.RuleState> RuleStates { get; } = new(store, "rulestate", Json.RuleState);
    public JsonTable<Core.Model.Alert> Alerts { get; } = new(store, "alerts", Json.Alert);
    public JsonTable<Core.Model.Delivery> Deliveries { get; } = new(store, "deliveries", Json.Delivery);
    public JsonTable<Core.Model.DeliveryAttempt> Attempts { get; } = new(store, "attempts", Json.DeliveryAttempt);
    public JsonTable<Core.Ports.WorkItem> Work { get; } = new(store, "work", Json.WorkItem);
    public JsonTable<Core.Model.HeldDelivery> Held { get; } = new(store, "held", Json.HeldDelivery);

    public IEnumerable<string> Names =>
        [Events.Name, Companies.Name, Rules.Name, Watchlists.Name, Channels.Name, Subscriptions.Name, RuleStates.Name, Alerts.Name, Deliveries.Name, Attempts.Name, Work.Name, Held.Name];

    public static string Key(string id) => EntityKeys.Encode(id);

    public static string Compound(string first, string second) => EntityKeys.Encode(first) + "|" + EntityKeys.Encode(second);

    public async Task EnsureAllAsync(CancellationToken cancellationToken)
    {
        foreach (var name in Names)
        {
            await store.EnsureTableAsync(name, cancellationToken);
        }
    }
}
