using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Storage;

namespace Alerts.Functions.Tests.Support;

/// <summary>A desk that watches Zhipu (2513.HK) and MiniMax, with one signed webhook pointing at a test's loopback receiver.</summary>
internal static class Catalog
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";
    private const string Tenant = Tenancy.DefaultTenant;

    public static async Task WebhookDeskAsync(AlertStore store, Uri webhook, params Rule[] rules)
    {
        await store.Channels.UpsertAsync(new Channel(Tenant, "desk", "Desk", ChannelKind.Webhook, webhook.ToString(), Secret), CancellationToken.None);
        await SubscribeAsync(store, "desk", rules);
    }

    public static async Task EmailDeskAsync(AlertStore store, params Rule[] rules)
    {
        await store.Channels.UpsertAsync(new Channel(Tenant, "mei", "Mei", ChannelKind.Email, "mei@example.com"), CancellationToken.None);
        await SubscribeAsync(store, "mei", rules);
    }

    public static PriceLevelRule ZhipuAbove450() => new()
    {
        TenantId = Tenant, Id = "above-450", Name = "Zhipu above 450", Companies = CompanyScope.Of("2513.HK"), Level = 450, Direction = CrossDirection.Above,
    };

    public static AnnouncementRule MiniMaxAShares() => new()
    {
        TenantId = Tenant, Id = "minimax-a", Name = "MiniMax A shares", Companies = CompanyScope.Of("MiniMax"), Categories = [AnnouncementCategory.AShareIssuance],
    };

    /// <summary>A tick of 2513.HK at <paramref name="price"/>: above 450 crosses the level rule.</summary>
    public static MarketEvent Tick(decimal price, int second = 0) =>
        MarketEvent.Of(new PriceTick("2513.HK", price, 402m, 1_000_000, new DateTimeOffset(2026, 11, 27, 2, 0, second, TimeSpan.Zero), "HKD", "push"));

    private static async Task SubscribeAsync(AlertStore store, string channelId, Rule[] rules)
    {
        foreach (var rule in rules)
        {
            await store.Rules.UpsertAsync(rule, CancellationToken.None);
            await store.Subscriptions.UpsertAsync(new Subscription(Tenant, "s-" + rule.Id + "-" + channelId, rule.Id, [channelId]), CancellationToken.None);
        }
    }
}
