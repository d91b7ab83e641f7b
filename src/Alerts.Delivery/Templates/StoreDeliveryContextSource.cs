using Alerts.Core.Model;
using Alerts.Core.Ports;

namespace Alerts.Delivery.Templates;

/// <summary>
/// Reads subscriptions and companies from the store, cached per tenant for <c>maxAge</c> (template edits show up within
/// that, as rule edits do in evaluation). The subscription is the one binding the alert's rule to the channel.
/// </summary>
public sealed class StoreDeliveryContextSource(
    ISubscriptionRepository subscriptions, ICompanyRepository companies, TimeProvider time, TimeSpan maxAge) : IDeliveryContextSource
{
    private readonly Dictionary<string, (DateTimeOffset At, IReadOnlyList<Subscription> Items)> _subscriptions = [];
    private (DateTimeOffset At, Dictionary<string, Company> ById)? _companies;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<DeliveryContext> GetAsync(Alert alert, Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(channel);
        var (tenantSubscriptions, directory) = await LoadAsync(alert.TenantId, cancellationToken);
        var subscription = tenantSubscriptions.FirstOrDefault(s => s.RuleId == alert.RuleId && s.ChannelIds.Contains(channel.Id));
        var template = subscription?.Templates?.GetValueOrDefault(channel.Id);
        var zone = TimeZones.Find(subscription?.TimeZone) ?? TimeZoneInfo.Utc;
        var company = alert.CompanyId is { } id ? directory.GetValueOrDefault(id) : null;
        return new DeliveryContext(template, zone, company);
    }

    private async Task<(IReadOnlyList<Subscription>, Dictionary<string, Company>)> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (!_subscriptions.TryGetValue(tenantId, out var cached) || now - cached.At > maxAge)
            {
                cached = (now, await subscriptions.ListAsync(tenantId, cancellationToken));
                _subscriptions[tenantId] = cached;
            }

            if (_companies is not { } known || now - known.At > maxAge)
            {
                var list = await companies.ListAsync(cancellationToken);
                known = (now, list.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase));
                _companies = known;
            }

            return (cached.Items, known.ById);
        }
        finally
        {
            _gate.Release();
        }
    }
}
