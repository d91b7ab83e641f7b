using System.CommandLine;
using System.Text.Json.Nodes;
using static Alerts.Host.Cli.Client.ClientOptions;
using static Alerts.Host.Cli.Client.Output;

namespace Alerts.Host.Cli.Client;

/// <summary><c>alerts watchlists</c>, <c>alerts rules</c>, <c>alerts channels</c>, <c>alerts subscriptions</c> against the API.</summary>
public static class CatalogCommands
{
    private static readonly Argument<string> Id = new("id");

    public static Command Watchlists()
    {
        var name = new Argument<string>("name");
        var company = new Argument<string>("company") { Description = "Code, symbol, name or alias" };
        var companies = new Option<string[]>("--company") { Description = "A company to watch (repeat the option)" };
        var idOption = new Option<string?>("--id") { Description = "Choose the id (default: generated)" };
        var table = Table(Col("ID", "id"), Col("NAME", "name"), Col("COMPANIES", "entries"));
        return Group("watchlists", "Watchlists of companies", false,
            Verb("list", "List watchlists", false, (_, api, ct) => api.GetAsync("api/v1/watchlists", ct), table),
            Verb("show", "Show one watchlist", false, (p, api, ct) => api.GetAsync(Path("watchlists", p), ct), table, Id),
            Verb("create", "Create a watchlist", false,
                (p, api, ct) => api.SendAsync(HttpMethod.Post, "api/v1/watchlists", new JsonObject
                {
                    ["name"] = p.GetValue(name),
                    ["companies"] = Array(p.GetValue(companies)),
                    ["id"] = p.GetValue(idOption),
                }, ct),
                table, name, companies, idOption),
            Verb("add", "Add a company", false,
                (p, api, ct) => api.SendAsync(HttpMethod.Post, Path("watchlists", p) + "/companies", new JsonObject { ["company"] = p.GetValue(company) }, ct), table, Id, company),
            Verb("remove", "Remove a company", false,
                (p, api, ct) => api.SendAsync(HttpMethod.Delete, Path("watchlists", p) + "/companies/" + Uri.EscapeDataString(p.GetValue(company)!), null, ct), table, Id, company),
            Verb("delete", "Delete a watchlist", false, (p, api, ct) => api.SendAsync(HttpMethod.Delete, Path("watchlists", p), null, ct), Message(_ => "Deleted."), Id));
    }

    public static Command Rules()
    {
        var file = new Argument<FileInfo>("file") { Description = "The rule as JSON (the import format's rule, without tenantId)" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Dry run over events since this time (default: the last 7 days)" };
        var table = Table(Col("ID", "id"), Col("KIND", "kind"), Col("NAME", "name"), Col("ENABLED", "enabled"), Col("FREQUENCY", "frequency.kind"));
        return Group("rules", "Watch rules", false,
            Verb("list", "List rules", false, (_, api, ct) => api.GetAsync("api/v1/rules", ct), table),
            Verb("show", "Show one rule", false, (p, api, ct) => api.GetAsync(Path("rules", p), ct), table, Id),
            Verb("create", "Create a rule from a JSON file", false, async (p, api, ct) => await api.SendAsync(HttpMethod.Post, "api/v1/rules", await ReadAsync(p.GetValue(file)!, ct), ct), table, file),
            Verb("update", "Replace a rule from a JSON file", false, async (p, api, ct) => await api.SendAsync(HttpMethod.Put, Path("rules", p), await ReadAsync(p.GetValue(file)!, ct), ct), table, Id, file),
            Verb("enable", "Turn a rule on", false, (p, api, ct) => api.SendAsync(HttpMethod.Post, Path("rules", p) + "/enable", null, ct), table, Id),
            Verb("disable", "Turn a rule off", false, (p, api, ct) => api.SendAsync(HttpMethod.Post, Path("rules", p) + "/disable", null, ct), table, Id),
            Verb("dry-run", "What the rule would have raised on recent stored events", false,
                (p, api, ct) => api.SendAsync(HttpMethod.Post, Path("rules", p) + "/dry-run", p.GetValue(since) is { } s ? new JsonObject { ["since"] = s } : null, ct),
                DryRun, Id, since),
            Verb("delete", "Delete a rule", false, (p, api, ct) => api.SendAsync(HttpMethod.Delete, Path("rules", p), null, ct), Message(_ => "Deleted."), Id));
    }

    public static Command Channels()
    {
        var name = new Option<string>("--name") { Required = true };
        var kind = new Option<string>("--kind") { Required = true, Description = "Email, Webhook, Slack, Teams or Discord" };
        var target = new Option<string>("--target") { Required = true, Description = "Email address or URL" };
        var secret = new Option<string?>("--secret") { Description = "whsec_… signing secret (webhooks)" };
        var idOption = new Option<string?>("--id");
        var table = Table(Col("ID", "id"), Col("NAME", "name"), Col("KIND", "kind"), Col("TARGET", "target"), Col("SECRET", "hasSecret"), Col("ENABLED", "enabled"), Col("DISABLED BECAUSE", "disabledReason"));
        return Group("channels", "Where alerts are delivered", false,
            Verb("list", "List channels (secrets are never shown)", false, (_, api, ct) => api.GetAsync("api/v1/channels", ct), table),
            Verb("show", "Show one channel", false, (p, api, ct) => api.GetAsync(Path("channels", p), ct), table, Id),
            Verb("create", "Create a channel", false,
                (p, api, ct) => api.SendAsync(HttpMethod.Post, "api/v1/channels", new JsonObject
                {
                    ["name"] = p.GetValue(name), ["kind"] = p.GetValue(kind), ["target"] = p.GetValue(target), ["secret"] = p.GetValue(secret), ["id"] = p.GetValue(idOption),
                }, ct),
                table, name, kind, target, secret, idOption),
            Verb("test", "Send a sample alert and report the outcome", false, (p, api, ct) => api.SendAsync(HttpMethod.Post, Path("channels", p) + "/test", null, ct),
                Table(Col("OUTCOME", "outcome"), Col("STATUS", "statusCode"), Col("REASON", "reason"), Col("DETAIL", "detail")), Id),
            Verb("delete", "Delete a channel", false, (p, api, ct) => api.SendAsync(HttpMethod.Delete, Path("channels", p), null, ct), Message(_ => "Deleted."), Id));
    }

    public static Command Subscriptions()
    {
        var rule = new Option<string>("--rule") { Required = true };
        var channel = new Option<string[]>("--channel") { Required = true, Description = "A channel id (repeat the option)" };
        var idOption = new Option<string?>("--id");
        var zone = new Option<string?>("--time-zone") { Description = "IANA time zone for times, quiet hours and digests (e.g. Asia/Hong_Kong)" };
        var quiet = new Option<string?>("--quiet-hours") { Description = "Hold alerts from..until, local time (e.g. 22:00-07:00)" };
        var digest = new Option<string[]>("--digest-at") { Description = "Send a digest at this local time instead of each alert (repeat the option)" };
        var table = Table(Col("ID", "id"), Col("RULE", "ruleId"), Col("CHANNELS", "channelIds"));
        return Group("subscriptions", "Rules bound to channels", false,
            Verb("list", "List subscriptions", false, (_, api, ct) => api.GetAsync("api/v1/subscriptions", ct), table),
            Verb("create", "Bind a rule to channels", false,
                (p, api, ct) => api.SendAsync(HttpMethod.Post, "api/v1/subscriptions", SubscriptionBody(p, rule, channel, idOption, zone, quiet, digest), ct),
                table, rule, channel, idOption, zone, quiet, digest),
            Verb("delete", "Delete a subscription", false, (p, api, ct) => api.SendAsync(HttpMethod.Delete, Path("subscriptions", p), null, ct), Message(_ => "Deleted."), Id));
    }

    private static JsonObject SubscriptionBody(
        ParseResult parse, Option<string> rule, Option<string[]> channel, Option<string?> id, Option<string?> zone, Option<string?> quiet, Option<string[]> digest)
    {
        var body = new JsonObject { ["ruleId"] = parse.GetValue(rule), ["channelIds"] = Array(parse.GetValue(channel)), ["id"] = parse.GetValue(id), ["timeZone"] = parse.GetValue(zone) };
        if (parse.GetValue(quiet) is { } window)
        {
            // "22:00-07:00"; a malformed window is sent as given so the API names the field.
            var parts = window.Split('-', 2, StringSplitOptions.TrimEntries);
            body["quietHours"] = new JsonObject { ["from"] = parts[0], ["until"] = parts.Length > 1 ? parts[1] : string.Empty };
        }

        if (parse.GetValue(digest) is { Length: > 0 } times)
        {
            body["digest"] = new JsonObject { ["at"] = Array(times) };
        }

        return body;
    }

    internal static string Path(string resource, ParseResult parse) => $"api/v1/{resource}/{Uri.EscapeDataString(parse.GetValue(Id)!)}";

    private static void DryRun(JsonNode? answer)
    {
        Console.WriteLine($"{Text(answer!, "eventsExamined")} event(s) since {Text(answer!, "since")}; would raise:");
        Table(Col("OCCURRED", "occurredAt"), Col("COMPANY", "companyName"), Col("HEADLINE", "headline"))(new JsonObject { ["items"] = answer!["alerts"]!.DeepClone() });
    }

    private static JsonArray Array(string[]? values) => new([.. (values ?? []).Select(v => (JsonNode?)v)]);

    private static async Task<JsonNode?> ReadAsync(FileInfo file, CancellationToken cancellationToken) =>
        JsonNode.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken));
}
