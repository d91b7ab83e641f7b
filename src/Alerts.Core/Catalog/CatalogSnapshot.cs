using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Catalog;

/// <summary>One channel a rule's alerts go to, and the subscription that sends them there.</summary>
public sealed record Route(Channel Channel, Subscription Subscription);

/// <summary>Everything evaluation reads that changes only when users change it: the indexed rules and where each rule's alerts go.</summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<(string Tenant, string Rule), Route[]> _routesByRule;
    private readonly Dictionary<(string Tenant, string Channel), Channel> _channels;

    public CatalogSnapshot(RuleBook rules, IEnumerable<Subscription> subscriptions, IEnumerable<Channel> channels)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(channels);
        Rules = rules;
        var channelIndex = channels.ToDictionary(c => (c.TenantId, c.Id));
        _channels = channelIndex;
        // A channel named by two subscriptions of one rule gets the alert once, on the terms of the first.
        _routesByRule = subscriptions
            .GroupBy(s => (s.TenantId, s.RuleId))
            .ToDictionary(
                g => g.Key,
                g => g.SelectMany(s => s.ChannelIds.Select(id => (Id: id, Subscription: s)))
                    .DistinctBy(r => r.Id, StringComparer.Ordinal)
                    .Select(r => channelIndex.GetValueOrDefault((g.Key.TenantId, r.Id)) is { } channel ? new Route(channel, r.Subscription) : null)
                    .OfType<Route>()
                    .ToArray());
    }

    public RuleBook Rules { get; }

    /// <summary>A channel of a tenant that has rules, as it was when the snapshot was built; null when the snapshot does not know it.</summary>
    public Channel? Channel(string tenantId, string channelId) => _channels.GetValueOrDefault((tenantId, channelId));

    public IReadOnlyList<Channel> ChannelsFor(Rule rule) => [.. RoutesFor(rule).Select(r => r.Channel)];

    /// <summary>Each channel the rule's alerts go to, with the subscription that sends them there (for its quiet hours and digest).</summary>
    public IReadOnlyList<Route> RoutesFor(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _routesByRule.GetValueOrDefault((rule.TenantId, rule.Id)) ?? [];
    }
}
