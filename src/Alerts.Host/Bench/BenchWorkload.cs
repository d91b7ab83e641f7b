using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Host.Bench;

/// <summary>
/// What a new user would set up: one announcement rule for any company, one signed webhook to the loopback receiver; and
/// distinct events to push, published one millisecond apart from the run's start as a live feed's are. Delivery ids are computed
/// the way the pipeline computes them in a new store (time-ordered), so arrivals map back to events.
/// </summary>
public sealed class BenchWorkload(Uri webhook, string run, DateTimeOffset start)
{
    public const string Tenant = Tenancy.DefaultTenant;
    public const string RuleId = "bench-any";
    public const string ChannelId = "bench-hook";
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";

    private readonly DateTimeOffset _start = DateTimeOffset.FromUnixTimeMilliseconds(start.ToUnixTimeMilliseconds());

    public string CatalogJson() => new JsonObject
    {
        ["tenant"] = Tenant,
        ["channels"] = new JsonArray(new JsonObject
        {
            ["id"] = ChannelId, ["name"] = "bench receiver", ["kind"] = "Webhook", ["target"] = webhook.ToString(), ["secret"] = Secret,
        }),
        ["rules"] = new JsonArray(new JsonObject
        {
            ["kind"] = "announcement", ["id"] = RuleId, ["name"] = "any filing", ["companies"] = new JsonObject { ["any"] = true },
        }),
        ["subscriptions"] = new JsonArray(new JsonObject { ["id"] = "bench-sub", ["ruleId"] = RuleId, ["channelIds"] = new JsonArray(ChannelId) }),
    }.ToJsonString();

    public MarketEvent Event(int index) => MarketEvent.Of(new Announcement(
        Announcement.MakeId("hkex", $"{run}-{index}"), "hkex", $"{run}-{index}", [new IssuerRef("HKEX", (index % 3000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture), null)],
        $"Announcement {index} of run {run}", "en", [AnnouncementCategory.Other], "bench", null, _start.AddMilliseconds(index)));

    public static string DeliveryId(MarketEvent marketEvent)
    {
        ArgumentNullException.ThrowIfNull(marketEvent);
        var alert = StableIds.Alert(AlertIdLayout.TimeOrdered, Tenant, RuleId, marketEvent.Id, marketEvent.OccurredAt);
        return StableIds.Delivery(AlertIdLayout.TimeOrdered, alert, marketEvent.OccurredAt, ChannelId);
    }

    public static string JsonArray(IEnumerable<MarketEvent> events)
    {
        var builder = new StringBuilder("[");
        foreach (var marketEvent in events)
        {
            if (builder.Length > 1)
            {
                builder.Append(',');
            }

            builder.Append(JsonSerializer.Serialize(marketEvent, AlertsJsonContext.Default.MarketEvent));
        }

        return builder.Append(']').ToString();
    }

    public static string JsonLines(IEnumerable<MarketEvent> events) =>
        string.Join('\n', events.Select(e => JsonSerializer.Serialize(e, AlertsJsonContext.Default.MarketEvent)));
}
