using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alerts.Testing;

namespace Alerts.Delivery.Tests.Fakes;

/// <summary>
/// Slack's incoming-webhook endpoint as documented: 200 <c>ok</c>; 400 <c>invalid_payload</c> for JSON it cannot read or
/// a missing <c>text</c>; 400 <c>invalid_blocks</c> beyond Block Kit's limits (50 blocks, header 150, section text 3000,
/// 10 fields of 2000, button URL 3000, about 13,200 characters in all); 429 with Retry-After when one webhook gets more than one message a second.
/// </summary>
internal sealed class SlackFake : PlatformFake
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, double Tokens)> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Slack: one a second per webhook, "short bursts" above that allowed: a bucket of two tokens refilled at this rate.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int RateLimited;

    public static async Task<SlackFake> StartAsync(TimeSpan? minInterval = null)
    {
        var fake = new SlackFake { MinInterval = minInterval ?? TimeSpan.FromSeconds(1) };
        await fake.StartServerAsync();
        return fake;
    }

    public Uri Webhook(string secretPart = "T0AAA1111/B0BBB2222/x1y2z3SECRETtoken") => Url("/services/" + secretPart);

    protected override ScriptedAnswer Judge(RecordedRequest request, JsonNode? body)
    {
        var now = DateTimeOffset.UtcNow;
        var path = request.PathAndQuery;
        lock (_gate)
        {
            var (at, tokens) = _buckets.GetValueOrDefault(path, (now, 2.0));
            tokens = Math.Min(2.0, tokens + ((now - at) / MinInterval));
            if (tokens < 1)
            {
                Interlocked.Increment(ref RateLimited);
                return Refuse(429, "rate_limited", "more than one message a second", new Dictionary<string, string> { ["Retry-After"] = "1" });
            }

            _buckets[path] = (now, tokens - 1);
        }
        if (body is not JsonObject message || Strings(message).Any(s => !IsWellFormed(s)))
        {
            return Refuse(400, "invalid_payload", "not JSON or not well-formed text");
        }

        if (message["text"]?.GetValue<string>() is not { Length: > 0 })
        {
            return Refuse(400, "invalid_payload", "no text fallback");
        }

        if (BlockProblem(message["blocks"] as JsonArray) is { } problem)
        {
            return Refuse(400, "invalid_blocks", problem);
        }

        Accept(message);
        return new ScriptedAnswer(200, "ok");
    }

    private static string? BlockProblem(JsonArray? blocks)
    {
        if (blocks is null)
        {
            return null;
        }

        if (blocks.Count > 50)
        {
            return "more than 50 blocks";
        }

        if (Strings(blocks).Sum(t => t.Length) > 13_200)
        {
            return "msg_blocks_too_long";
        }

        foreach (var block in blocks.OfType<JsonObject>())
        {
            var type = block["type"]?.GetValue<string>();
            var headerType = (block["text"] as JsonObject)?["type"]?.GetValue<string>();
            if (type == "header" && (headerType != "plain_text" || !Fits(block["text"], 150)))
            {
                return "header must be plain_text of 1 to 150 characters";
            }

            if (type == "section" && block["text"] is { } text && !Fits(text, 3000))
            {
                return "section text must be 1 to 3000 characters";
            }

            if (type == "section" && block["fields"] is JsonArray fields && (fields.Count > 10 || fields.Any(f => !FitsField(f))))
            {
                return "section fields: at most 10 of 1 to 2000 characters";
            }

            if (type == "actions" && block["elements"]!.AsArray().Any(e => e?["url"]?.GetValue<string>() is { Length: > 3000 }))
            {
                return "button url longer than 3000";
            }

            if (type is not ("header" or "section" or "actions" or "context" or "divider"))
            {
                return "unknown block type " + type;
            }
        }

        return null;
    }

    private static bool FitsField(JsonNode? field) => Fits(field, 2000);

    private static bool Fits(JsonNode? textObject, int max) => Text(textObject) is { Length: > 0 } text && text.Length <= max;

    private static string? Text(JsonNode? textObject) => textObject?["text"]?.GetValue<string>();
}
