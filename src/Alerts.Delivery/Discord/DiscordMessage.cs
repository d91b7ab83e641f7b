using System.Text.Json.Nodes;
using Alerts.Delivery.Slack;
using Alerts.Delivery.Templates;
using static Alerts.Delivery.Text.TextFit;

namespace Alerts.Delivery.Discord;

/// <summary>
/// An alert as a Discord webhook message: one embed (title, description, fields, footer, timestamp) within every
/// documented limit, the 6,000-character total across the embed included, and <c>allowed_mentions</c> with nothing to
/// parse, so an <c>@everyone</c> or a role mention in source text never pings anyone.
/// </summary>
public static class DiscordMessage
{
    public const int MaxTitle = 256;
    public const int MaxDescription = 4096;
    public const int MaxFields = 25;
    public const int MaxFieldName = 256;
    public const int MaxFieldValue = 1024;
    public const int MaxFooter = 2048;
    public const int MaxEmbedTotal = 6000;
    private const int AlertColor = 0xD9480F;

    public static JsonObject Build(AlertFields fields, ComposedText text)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(text);
        var title = Fit(text.Title, MaxTitle, MarkdownEscape);
        var footer = Fit($"Rule: {fields.Rule} · alert {fields.AlertId}", MaxFooter);
        var embedFields = new JsonArray();
        var used = title.Length + footer.Length;
        foreach (var (label, value) in SlackMessage.Facts(fields).Take(MaxFields))
        {
            var name = Fit(label, MaxFieldName);
            var fitted = Fit(value, MaxFieldValue, MarkdownEscape);
            used += name.Length + fitted.Length;
            embedFields.Add(new JsonObject { ["name"] = name, ["value"] = fitted, ["inline"] = true });
        }

        // The description gets what the total leaves: it is the part that can be long.
        var room = Math.Min(MaxDescription, MaxEmbedTotal - used);
        var main = text.Body ?? fields.Detail;
        var embed = new JsonObject
        {
            ["title"] = title,
            ["color"] = AlertColor,
            ["fields"] = embedFields,
            ["footer"] = new JsonObject { ["text"] = footer },
            ["timestamp"] = fields.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (main.Length > 0 && room > 1)
        {
            embed["description"] = Fit(main, room, MarkdownEscape);
        }

        if (fields.Url is { } url)
        {
            embed["url"] = url;
        }

        return new JsonObject
        {
            ["embeds"] = new JsonArray { embed },
            ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
        };
    }

    /// <summary>The characters Discord counts toward the 6,000 total of an embed.</summary>
    public static int EmbedLength(JsonObject embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        var total = Length(embed["title"]) + Length(embed["description"]) + Length(embed["footer"]?["text"]) + Length(embed["author"]?["name"]);
        foreach (var field in embed["fields"]?.AsArray() ?? [])
        {
            total += Length(field?["name"]) + Length(field?["value"]);
        }

        return total;
    }

    private static int Length(JsonNode? node) => node?.GetValue<string>().Length ?? 0;
}
