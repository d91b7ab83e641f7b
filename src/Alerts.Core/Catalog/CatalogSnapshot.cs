using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Catalog;

/// <summary>Everything evaluation reads that changes only when users change it: the indexed rules and where each rule's alerts go.</summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<(string Tenant, string Rule), Channel[]> _channelsByRule;
    private readonly Dictionary<(string Tenant, string Channel), Channel> _channels;

    public CatalogSnapshot(RuleBook rules, IEnumerable<Subscription> subscriptions, IEnumerable<Channel> channels)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(channels);
        Rules = rules;
        var channelIndex = channels.ToDictionary(c => (c.TenantId, c.Id));
        _channels = channelIndex;
        _channelsByRule = subscriptions
            .GroupBy(s => (s.TenantId, s.RuleId))
            .ToDictionary(
                g => g.Key,
                g => g.SelectMany(s => s.ChannelIds)
                    .Distinct(StringComparer.Ordinal)
                    .Select(id => channelIndex.GetValueOrDefault((g.Key.TenantId, id)))
                    .OfType<Channel>()
                    .ToArray());
    }

    public RuleBook Rules { get; }

    /// <summary>A channel of a tenant that has rules, as it was when the snapshot was built; null when the snapshot does not know it.</summary>
    public Channel? Channel(string tenantId, string channelId) => _channels.GetValueOrDefault((tenantId, channelId));

    public IReadOnlyList<Channel> ChannelsFor(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _channelsByRule.GetValueOrDefault((rule.TenantId, rule.Id)) ?? [];
    }
}
