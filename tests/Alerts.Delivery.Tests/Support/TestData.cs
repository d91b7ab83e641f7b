using Alerts.Core;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using DeliveryRecord = Alerts.Core.Model.Delivery;

namespace Alerts.Delivery.Tests.Support;

/// <summary>Builders for the model records the notifiers consume; every test starts from these and changes what it needs.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    /// <summary>A real-looking secret (24 bytes) reused by webhook tests; tests that prove non-leakage generate their own.</summary>
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static Alert Alert(
        string headline = "Tencent Holdings: announcement of annual results",
        string detail = "Revenue up 8% year on year.",
        string companyName = "Tencent Holdings",
        Uri? url = null,
        decimal? price = null) => new(
            TenantId: "t1",
            Id: "al_0123456789abcdef0123456789abcdef",
            RuleId: "rule-results",
            RuleName: "Results for my watchlist",
            EventId: "HKEX:11223344",
            EventKind: price is null ? MarketEventKind.Announcement : MarketEventKind.PriceTick,
            CompanyId: "co-0700",
            CompanyName: companyName,
            Headline: headline,
            Detail: detail,
            Url: url ?? new Uri("https://www1.hkexnews.hk/listedco/listconews/sehk/2026/1121/2026112100123.pdf"),
            Categories: [AnnouncementCategory.Results, AnnouncementCategory.TradingHalt],
            Symbol: price is null ? null : "0700.HK",
            Price: price,
            ChangePercent: price is null ? null : 5.25m,
            Currency: price is null ? null : "HKD",
            OccurredAt: new DateTimeOffset(2026, 11, 21, 16, 45, 0, TimeSpan.FromHours(8)),
            CreatedAt: new DateTimeOffset(2026, 11, 21, 8, 46, 0, TimeSpan.Zero));

    public static Channel WebhookChannel(string target, string? secret = Secret) =>
        new("t1", "ch-hook", "Ops webhook", ChannelKind.Webhook, target, secret);

    public static Channel EmailChannel(string target = "analyst@example.com") =>
        new("t1", "ch-mail", "Analyst", ChannelKind.Email, target);

    public static DeliveryRecord Delivery(Alert alert, Channel channel) => new(
        alert.TenantId,
        StableIds.Delivery(alert.Id, channel.Id),
        alert.Id,
        channel.Id,
        channel.Kind,
        DeliveryStatus.Pending,
        AttemptCount: 0,
        CreatedAt: Now,
        NextAttemptAt: Now);

    public static DeliveryRequest Request(Channel channel, Alert? alert = null, DateTimeOffset? now = null)
    {
        alert ??= Alert();
        return new DeliveryRequest(alert, channel, Delivery(alert, channel), now ?? Now);
    }
}
