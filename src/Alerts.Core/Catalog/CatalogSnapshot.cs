using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Core.Catalog;

/// <summary>Everything evaluation reads that changes only when users change it: the indexed rules and where each rule's alerts go.</summary>
public sealed class CatalogSnapshot
{
    private readonly Dictionary<(string Tenant, string Rule), Channel[]> _channelsByRule;

    public CatalogSnapshot(RuleBook rules, IEnumerable<Subscription> subscriptions, IEnumerable<Channel> channels)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(channels);
        Rules = rules;
        var channelIndex = channels.ToDictionary(c => (c.TenantId, c.Id));
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

    public IReadOnlyList<Channel> ChannelsFor(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return _channelsByRule.GetValueOrDefault((rule.TenantId, rule.Id)) ?? [];
    }
}
