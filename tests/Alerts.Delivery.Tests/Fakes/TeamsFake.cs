using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alerts.Testing;

namespace Alerts.Delivery.Tests.Fakes;

/// <summary>
/// A Teams Workflows webhook: 202 for a <c>message</c> whose attachment is an Adaptive Card with the schema's required
/// structure (type, a version Teams renders, typed body elements, TextBlock text, FactSet facts with title and value,
/// Action.OpenUrl with a url); 400 otherwise; 413 "Request entity too large" above 28 KB. Over 4 requests a second to one URL it
/// does what Teams does: no 429, but the body says "Microsoft Teams endpoint returned HTTP error 429"; the same over 100 an
/// hour. Its clock is the test's when the test sets <see cref="Clock"/>.
/// </summary>
internal sealed class TeamsFake : PlatformFake
{
    public const int MaxBytes = 28 * 1024;
    private static readonly string[] Versions = ["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public static async Task<TeamsFake> StartAsync()
    {
        var fake = new TeamsFake();
        await fake.StartServerAsync();
        return fake;
    }

    public Uri Workflow(string secretPart = "workflows/4f1e0b8c9d2a4e6f/triggers/manual/paths/invoke?api-version=1&sig=Zx9SECRETsig1234") =>
        Url("/" + secretPart);

    protected override ScriptedAnswer Judge(RecordedRequest request, JsonNode? body)
    {
        var now = Clock.GetUtcNow();
        var recent = _recent.GetOrAdd(request.PathAndQuery, _ => new ConcurrentQueue<DateTimeOffset>());
        recent.Enqueue(now);
        while (recent.TryPeek(out var first) && now - first >= TimeSpan.FromHours(1))
        {
            recent.TryDequeue(out _);
        }

        if (recent.Count(t => now - t <= TimeSpan.FromSeconds(1)) > 4 || recent.Count > 100)
        {
            return Refuse(200, "Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi", "over 4 per second or 100 per hour");
        }

        if (request.Body.Length > MaxBytes)
        {
            return Refuse(413, "Request entity too large", "over 28 KB");
        }

        if (CardProblem(body) is { } problem)
        {
            return Refuse(400, "Bad payload: " + problem, problem);
        }

        Accept(body!);
        return new ScriptedAnswer(202, string.Empty);
    }

    /// <summary>The card schema's required structure, as far as Teams enforces it.</summary>
    public static string? CardProblem(JsonNode? body)
    {
        if (body?["type"]?.GetValue<string>() != "message" || body["attachments"] is not JsonArray { Count: > 0 } attachments)
        {
            return "not a message with attachments";
        }

        var attachment = attachments[0]!;
        if (attachment["contentType"]?.GetValue<string>() != "application/vnd.microsoft.card.adaptive" || attachment["content"] is not JsonObject card)
        {
            return "attachment is not an adaptive card";
        }

        if (card["type"]?.GetValue<string>() != "AdaptiveCard" || !Versions.Contains(card["version"]?.GetValue<string>()))
        {
            return "card type or version";
        }

        foreach (var element in card["body"] as JsonArray ?? [])
        {
            var type = element?["type"]?.GetValue<string>();
            var ok = type switch
            {
                "TextBlock" => element!["text"]?.GetValue<string>() is { Length: > 0 } text && IsWellFormed(text),
                "FactSet" => element!["facts"] is JsonArray facts && facts.All(f => f?["title"]?.GetValue<string>() is not null && f["value"]?.GetValue<string>() is not null),
                "ColumnSet" or "Container" or "Image" or "ActionSet" => true,
                _ => false,
            };
            if (!ok)
            {
                return "invalid body element " + type;
            }
        }

        foreach (var action in card["actions"] as JsonArray ?? [])
        {
            if (action?["type"]?.GetValue<string>() != "Action.OpenUrl" || !Uri.TryCreate(action["url"]?.GetValue<string>(), UriKind.Absolute, out _))
            {
                return "invalid action";
            }
        }

        return null;
    }
}
