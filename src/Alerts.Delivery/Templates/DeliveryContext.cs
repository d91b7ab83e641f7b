using Alerts.Core.Model;

namespace Alerts.Delivery.Templates;

/// <summary>
/// What a notifier knows beyond the alert: the subscriber's wording for this channel (if any), the time zone times are
/// shown in, and the company as the directory knows it (English and Chinese names, codes, symbols).
/// </summary>
public sealed record DeliveryContext(MessageTemplate? Template, TimeZoneInfo TimeZone, Company? Company)
{
    public static DeliveryContext Default { get; } = new(null, TimeZoneInfo.Utc, null);
}

/// <summary>Finds the <see cref="DeliveryContext"/> of one delivery (the subscription joining the alert's rule to the channel).</summary>
public interface IDeliveryContextSource
{
    Task<DeliveryContext> GetAsync(Alert alert, Channel channel, CancellationToken cancellationToken);
}

/// <summary>No subscriptions to read (tests, tools): every channel uses its platform's default wording in UTC.</summary>
public sealed class DefaultDeliveryContextSource : IDeliveryContextSource
{
    public Task<DeliveryContext> GetAsync(Alert alert, Channel channel, CancellationToken cancellationToken) => Task.FromResult(DeliveryContext.Default);
}
