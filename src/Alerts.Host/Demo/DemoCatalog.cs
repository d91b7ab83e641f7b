using Alerts.Api.Catalog;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Host.Import;

namespace Alerts.Host.Demo;

/// <summary>
/// The demo's subscribers: Mei, a person who follows Zhipu and MiniMax by email, and the AI desk, a team whose webhook gets
/// the same filings plus Zhipu's price moves.
/// </summary>
public static class DemoCatalog
{
    public const string PersonEmail = "mei.chen@example.com";
    public const string PersonChannel = "mei-email";
    public const string TeamChannel = "ai-desk-webhook";

    public static CatalogDocument Build(Uri teamWebhook, string teamSecret)
    {
        const string tenant = Tenancy.DefaultTenant;
        Rule[] rules =
        [
            new AnnouncementRule
            {
                TenantId = tenant,
                Id = "star-market-moments",
                Name = "Listing filings, tutoring and A-share plans of my AI companies",
                Companies = CompanyScope.OfWatchlist("china-ai"),
                Categories =
                [
                    AnnouncementCategory.ListingApplication, AnnouncementCategory.IpoTutoring, AnnouncementCategory.Prospectus,
                    AnnouncementCategory.ListingHearingOrApproval, AnnouncementCategory.AShareIssuance,
                ],
            },
            new PriceMoveRule
            {
                TenantId = tenant,
                Id = "zhipu-jumps-20pct",
                Name = "Zhipu up 20% or more on the day",
                Companies = CompanyScope.Of("Zhipu"),
                ThresholdPercent = 20m,
                Direction = MoveDirection.Up,
                Frequency = Frequency.OncePerTradingDay,
            },
            new PriceLevelRule
            {
                TenantId = tenant,
                Id = "zhipu-above-450",
                Name = "2513.HK crosses above HK$450",
                Companies = CompanyScope.Of("2513.HK"),
                Level = 450m,
                Direction = CrossDirection.Above,
                HysteresisPercent = 2m,
            },
        ];

        return new CatalogDocument(
            tenant,
            Companies: [],
            Watchlists: [new Watchlist(tenant, "china-ai", "China AI listings", ["Zhipu", "MiniMax"])],
            Channels:
            [
                new Channel(tenant, PersonChannel, "Mei Chen", ChannelKind.Email, PersonEmail),
                new Channel(tenant, TeamChannel, "AI desk", ChannelKind.Webhook, teamWebhook.ToString(), teamSecret),
            ],
            Rules: rules,
            Subscriptions:
            [
                new Subscription(tenant, "mei-filings", "star-market-moments", [PersonChannel, TeamChannel]),
                new Subscription(tenant, "zhipu-jump", "zhipu-jumps-20pct", [PersonChannel, TeamChannel]),
                new Subscription(tenant, "zhipu-level", "zhipu-above-450", [TeamChannel]),
            ]);
    }
}
