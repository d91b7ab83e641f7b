using System.Text.Json.Nodes;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>Import files the end-to-end tests write: the team's webhook points at a test's own loopback receiver.</summary>
internal static class CatalogFiles
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqr";

    /// <summary>The desk gets a webhook at <paramref name="webhook"/>.</summary>
    public static string Valid(Uri webhook) => Build(new JsonObject
    {
        ["id"] = "desk", ["name"] = "Desk", ["kind"] = "Webhook", ["target"] = webhook.ToString(), ["secret"] = Secret,
    });

    /// <summary>The desk reads email too: every channel is the outbox.</summary>
    public static string AllEmail() => Build(new JsonObject { ["id"] = "desk", ["name"] = "Desk", ["kind"] = "Email", ["target"] = "desk@example.com" });

    private static string Build(JsonObject desk) => new JsonObject
    {
        ["watchlists"] = new JsonArray(new JsonObject { ["id"] = "china-ai", ["name"] = "China AI", ["entries"] = new JsonArray("Zhipu", "MiniMax") }),
        ["channels"] = new JsonArray(
            desk,
            new JsonObject { ["id"] = "mei", ["name"] = "Mei", ["kind"] = "Email", ["target"] = "mei@example.com" }),
        ["rules"] = new JsonArray(
            new JsonObject
            {
                ["kind"] = "announcement", ["id"] = "filings", ["name"] = "STAR filings",
                ["companies"] = new JsonObject { ["watchlist"] = "china-ai" },
                ["categories"] = new JsonArray("ListingApplication", "IpoTutoring", "AShareIssuance"),
            },
            new JsonObject
            {
                ["kind"] = "priceLevel", ["id"] = "above-450", ["name"] = "Zhipu above 450",
                ["companies"] = new JsonObject { ["companies"] = new JsonArray("2513.HK") }, ["level"] = 450, ["direction"] = "Above",
            }),
        ["subscriptions"] = new JsonArray(
            new JsonObject { ["id"] = "s1", ["ruleId"] = "filings", ["channelIds"] = new JsonArray("desk", "mei") },
            new JsonObject { ["id"] = "s2", ["ruleId"] = "above-450", ["channelIds"] = new JsonArray("desk") }),
    }.ToJsonString();

    /// <summary>Writes <see cref="Valid"/> for <paramref name="webhook"/> into <paramref name="work"/> and runs <c>alerts import</c> on it.</summary>
    public static async Task<CommandResult> ImportValidAsync(string work, IReadOnlyDictionary<string, string> environment, Uri webhook)
    {
        var catalog = Path.Combine(work, "catalog.json");
        await File.WriteAllTextAsync(catalog, Valid(webhook));
        return await AlertsProcess.RunAsync(work, environment, "import", catalog);
    }

    public static Dictionary<string, string> Environment(string dataDirectory) => new()
    {
        ["Alerts__DataDirectory"] = dataDirectory,
        ["Alerts__AllowedPrivateHosts__0"] = "127.0.0.1",
        ["Alerts__PollSources"] = "false",
        // A test that polls names its loopback feeds; none of the built-in sources (the real sites) is added to them, and the
        // sample feeds' dates are not history.
        ["Alerts__BuiltInSources"] = "false",
        ["Alerts__SourceLookBack"] = "3650.00:00:00",
        ["Alerts__RetryBaseDelay"] = "00:00:01",
        ["Alerts__SweepSchedule"] = "* * * * * *",
    };
}
