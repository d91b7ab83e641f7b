using Alerts.Api.Catalog;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Host.Import;

namespace Alerts.Host.Demo;

/// <summary>
/// The demo's subscribers: Mei, a person who follows Zhipu and MiniMax by email; the AI desk, a team whose webhook gets the
/// same filings plus Zhipu's price moves; the investor-relations team on Teams, who read the filings in Hong Kong time; and
/// the quant desk on Slack, who get Zhipu's price moves in their own wording.
/// </summary>
public static class DemoCatalog
{
    public const string PersonEmail = "mei.chen@example.com";
    public const string PersonChannel = "mei-email";
    public const string TeamChannel = "ai-desk-webhook";
    public const string SlackChannel = "quant-desk-slack";
    public const string TeamsChannel = "ir-team-teams";

    public static CatalogDocument Build(Uri teamWebhook, string teamSecret, Uri slackWebhook, Uri teamsWorkflow)
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

        var quantWording = new Dictionary<string, MessageTemplate>
        {
            [SlackChannel] = new(
                Title: "{{ symbol }} {{ price }} {{ currency }} ({% if move_pct > 0 %}+{% endif %}{{ move_pct }}% vs {{ previous_close }})",
                Body: "*{{ company_en }}* {{ company_zh }}: {{ title }}\nRule: {{ rule }} · {{ time }}"),
        };

        return new CatalogDocument(
            tenant,
            Companies: [],
            Watchlists: [new Watchlist(tenant, "china-ai", "China AI listings", ["Zhipu", "MiniMax"])],
            Channels:
            [
                new Channel(tenant, PersonChannel, "Mei Chen", ChannelKind.Email, PersonEmail),
                new Channel(tenant, TeamChannel, "AI desk", ChannelKind.Webhook, teamWebhook.ToString(), teamSecret),
                new Channel(tenant, SlackChannel, "Quant desk", ChannelKind.Slack, slackWebhook.ToString()),
                new Channel(tenant, TeamsChannel, "IR team", ChannelKind.Teams, teamsWorkflow.ToString()),
            ],
            Rules: rules,
            Subscriptions:
            [
                new Subscription(tenant, "mei-filings", "star-market-moments", [PersonChannel, TeamChannel, TeamsChannel], TimeZone: "Asia/Hong_Kong"),
                new Subscription(tenant, "zhipu-jump", "zhipu-jumps-20pct", [PersonChannel, TeamChannel, SlackChannel], quantWording),
                new Subscription(tenant, "zhipu-level", "zhipu-above-450", [TeamChannel, SlackChannel], quantWording),
            ]);
    }
}
