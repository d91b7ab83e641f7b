using System.Text.Json.Nodes;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Slack;
using Alerts.Delivery.Templates;
using static Alerts.Delivery.Text.TextFit;

namespace Alerts.Delivery.Teams;

/// <summary>
/// An alert as an Adaptive Card (version 1.4, which Teams renders reliably) inside the <c>message</c>/<c>attachments</c>
/// envelope Workflows require: a heading, the main text, a fact set and an Open URL action. Text goes in as is (JSON
/// escaping is the serializer's): Teams shows backslash escapes literally, and its markdown subset cannot run code or ping. The whole request stays
/// under <see cref="MaxBytes"/> (Teams refuses about 28 KB; one library measured 21 KB in practice) by shortening the text.
/// </summary>
public static class TeamsCard
{
    public const string Version = "1.4";
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const int MaxBytes = 20_000;
    private const int MaxHeading = 500;
    private const int MaxFactValue = 1000;

    public static JsonObject Build(AlertFields fields, ComposedText text)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(text);
        var main = text.Body ?? fields.Detail;
        var budget = 6000;
        while (true)
        {
            var envelope = Envelope(fields, text.Title, Fit(main, budget));
            if (ChatNotifier.Serialize(envelope).Length <= MaxBytes || budget <= 100)
            {
                return envelope;
            }

            budget /= 2;
        }
    }

    private static JsonObject Envelope(AlertFields fields, string title, string main)
    {
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock", ["text"] = Fit(title, MaxHeading), ["weight"] = "Bolder", ["size"] = "Medium",
                ["wrap"] = true, ["style"] = "heading",
            },
        };
        if (main.Length > 0)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = main, ["wrap"] = true });
        }

        var facts = new JsonArray();
        foreach (var (label, value) in SlackMessage.Facts(fields))
        {
            facts.Add(new JsonObject { ["title"] = label, ["value"] = Fit(value, MaxFactValue) });
        }

        body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        body.Add(new JsonObject
        {
            ["type"] = "TextBlock", ["text"] = Fit($"Rule: {fields.Rule} · alert {fields.AlertId}", MaxHeading),
            ["isSubtle"] = true, ["size"] = "Small", ["wrap"] = true,
        });

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = Version,
            ["body"] = body,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
        };
        if (fields.Url is { } url)
        {
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the source", ["url"] = url } };
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = ContentType, ["contentUrl"] = null, ["content"] = card },
            },
        };
    }
}
