using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using static Alerts.Host.Cli.Client.ClientOptions;
using static Alerts.Host.Cli.Client.Output;

namespace Alerts.Host.Cli.Client;

/// <summary><c>alerts alert</c> (the root command is already called alerts) and the API side of <c>alerts deliveries</c>.</summary>
public static class AlertCommands
{
    private static readonly Argument<string> Id = new("id");
    private static readonly Option<int?> Limit = new("--limit") { Description = "Page size" };
    private static readonly Option<string?> Continuation = new("--continuation") { Description = "Continue a listing where the previous page ended" };

    public static Command Alerts()
    {
        var company = new Option<string?>("--company");
        var rule = new Option<string?>("--rule");
        var category = new Option<string?>("--category");
        var from = new Option<DateTimeOffset?>("--from");
        var to = new Option<DateTimeOffset?>("--to");
        var table = Table(Col("ID", "id"), Col("OCCURRED", "occurredAt"), Col("RULE", "ruleId"), Col("COMPANY", "companyName"), Col("HEADLINE", "headline"));
        return Group("alert", "Alerts raised for your rules (list, show)", false,
            Verb("list", "List alerts, filtered and paged", false,
                (p, api, ct) => api.GetAsync(Query("api/v1/alerts", p, ("company", p.GetValue(company)), ("rule", p.GetValue(rule)), ("category", p.GetValue(category)),
                    ("from", p.GetValue(from)?.ToString("O")), ("to", p.GetValue(to)?.ToString("O"))), ct),
                table, company, rule, category, from, to, Limit, Continuation),
            Verb("show", "Show an alert and its deliveries", false, (p, api, ct) => api.GetAsync("api/v1/alerts/" + Uri.EscapeDataString(p.GetValue(Id)!), ct),
                answer =>
                {
                    table(answer!["alert"]);
                    Deliveries(new JsonObject { ["items"] = answer["deliveries"]!.DeepClone() });
                },
                Id));
    }

    /// <summary>Verbs added to <c>alerts deliveries</c> that talk to a server instead of the local store.</summary>
    public static IEnumerable<Command> DeliveryVerbs()
    {
        var status = new Option<string?>("--status");
        var since = new Argument<DateTimeOffset>("since");
        yield return Verb("log", "List deliveries with their attempts, from the server", false,
            (p, api, ct) => api.GetAsync(Query("api/v1/deliveries", p, ("status", p.GetValue(status))), ct), Deliveries, status, Limit, Continuation);
        yield return Verb("retry", "Redeliver one dead letter through the server", false,
            (p, api, ct) => api.SendAsync(HttpMethod.Post, $"api/v1/deliveries/{Uri.EscapeDataString(p.GetValue(Id)!)}/redeliver", null, ct), Redelivered, Id);
        yield return Verb("retry-since", "Redeliver every dead letter since a time through the server", false,
            (p, api, ct) => api.SendAsync(HttpMethod.Post, "api/v1/deliveries/redeliver", new JsonObject { ["since"] = p.GetValue(since) }, ct), Redelivered, since);
    }

    private static readonly Action<JsonNode?> Deliveries = Table(
        Col("ID", "delivery.id"), Col("CHANNEL", "delivery.channelId"), Col("STATUS", "delivery.status"),
        ("ATTEMPTS", n => (n["attempts"] as JsonArray)?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)), Col("LAST ERROR", "delivery.lastError"));

    private static void Redelivered(JsonNode? answer)
    {
        Console.WriteLine($"Redelivered: {Text(answer!, "redelivered")}");
        foreach (var failure in answer!["failed"]!.AsArray())
        {
            Console.WriteLine($"Not redelivered {Text(failure!, "deliveryId")}: {Text(failure!, "problem")}");
        }
    }

    private static string Query(string path, ParseResult parse, params (string Name, string? Value)[] filters)
    {
        var query = new StringBuilder(path);
        var all = filters.Append(("limit", parse.GetValue(Limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture))).Append(("continuationToken", parse.GetValue(Continuation)));
        var separator = '?';
        foreach (var (name, value) in all.Where(f => f.Item2 is not null))
        {
            query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value!));
            separator = '&';
        }

        return query.ToString();
    }
}
