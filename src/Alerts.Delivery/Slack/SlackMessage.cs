using System.Text.Json.Nodes;
using Alerts.Delivery.Templates;
using static Alerts.Delivery.Text.TextFit;

namespace Alerts.Delivery.Slack;

/// <summary>
/// An alert as a Slack incoming-webhook message: a header, the main text, a field grid (company, price, category, source,
/// time), a button to the source document and a context line; <c>text</c> carries the notification and mobile fallback.
/// Every string is escaped (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c> in mrkdwn) and fitted to Block Kit's limits.
/// </summary>
public static class SlackMessage
{
    public const int MaxBlocks = 50;
    public const int MaxHeader = 150;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxFieldText = 2000;
    public const int MaxFallbackText = 3000;
    public const int MaxUrl = 3000;

    /// <summary>
    /// What one field or the context line may use: far below the documented 2,000, so that a whole message stays under
    /// Slack's undocumented aggregate limit (msg_blocks_too_long at about 13,200 characters).
    /// </summary>
    private const int FieldBudget = 500;

    public static JsonObject Build(AlertFields fields, ComposedText text)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(text);
        var blocks = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "header",
                ["text"] = PlainText(Fit(text.Title, MaxHeader)),
            },
        };

        var main = text.Body ?? fields.Detail;
        if (main.Length > 0)
        {
            blocks.Add(Section(Fit(main, MaxSectionText, SlackEscape)));
        }

        var grid = new JsonArray();
        foreach (var (label, value) in Facts(fields).Take(MaxFields))
        {
            grid.Add(Mrkdwn(Fit($"*{label}*\n", 100) + Fit(value, Math.Min(FieldBudget, MaxFieldText - label.Length - 4), SlackEscape)));
        }

        blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = grid });
        if (fields.Url is { Length: <= MaxUrl } url)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray
                {
                    new JsonObject { ["type"] = "button", ["text"] = PlainText("Open the source"), ["url"] = url, ["action_id"] = "open_source" },
                },
            });
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { Mrkdwn(Fit($"Rule: {fields.Rule} · alert {fields.AlertId}", FieldBudget, SlackEscape)) },
        });

        return new JsonObject
        {
            ["text"] = Fit(text.Title, MaxFallbackText, SlackEscape),
            ["blocks"] = blocks,
        };
    }

    /// <summary>The labelled facts every chat layout shows (only those the alert has).</summary>
    public static IEnumerable<(string Label, string Value)> Facts(AlertFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var company = fields.Company;
        if (fields.CompanyChinese is { } zh && !company.Contains(zh, StringComparison.Ordinal))
        {
            company += " " + zh;
        }

        if (fields.Symbol is { } symbol)
        {
            company += $" ({symbol})";
        }

        yield return ("Company", company);
        if (fields.PriceLine is { } price)
        {
            yield return ("Price", price);
        }

        if (fields.Categories.Count > 0)
        {
            yield return ("Category", string.Join(", ", fields.Categories));
        }

        yield return ("Source", fields.Source);
        yield return ("Time", fields.Time);
    }

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = false };
}
