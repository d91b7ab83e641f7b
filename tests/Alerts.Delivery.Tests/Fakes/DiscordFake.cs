using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Alerts.Testing;

namespace Alerts.Delivery.Tests.Fakes;

/// <summary>
/// Discord's execute-webhook endpoint: <c>/api/webhooks/{id}/{token}</c>, 200 with the message when <c>wait=true</c>;
/// 404 Unknown Webhook (10015) for ids it does not know; 400 Invalid Form Body (50035) beyond the embed limits (title 256,
/// description 4096, 25 fields of 256/1024, footer 2048, 10 embeds, 6,000 characters in all); a per-webhook bucket with
/// X-RateLimit-* headers and 429 <c>retry_after</c> when it is empty. Counts a ping whenever mention text would notify.
/// </summary>
internal sealed class DiscordFake : PlatformFake
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset WindowStart, int Used)> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int BucketSize { get; init; } = 5;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(2);

    public int Pings;

    public int RateLimited;

    public static async Task<DiscordFake> StartAsync(int bucketSize = 5, TimeSpan? window = null)
    {
        var fake = new DiscordFake { BucketSize = bucketSize, Window = window ?? TimeSpan.FromSeconds(2) };
        await fake.StartServerAsync();
        return fake;
    }

    public Uri Webhook(string id = "1234567890", string token = "dGhpc0lzQVNlY3JldFdlYmhvb2tUb2tlbg-abc") => Url($"/api/webhooks/{id}/{token}");

    protected override ScriptedAnswer Judge(RecordedRequest request, JsonNode? body)
    {
        var path = request.PathAndQuery.Split('?')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not ["api", "webhooks", "1234567890", _])
        {
            return Refuse(404, """{"message": "Unknown Webhook", "code": 10015}""", "unknown webhook");
        }

        var now = DateTimeOffset.UtcNow;
        int remaining;
        double resetAfter;
        lock (_gate)
        {
            (DateTimeOffset WindowStart, int Used) bucket = _buckets.GetValueOrDefault(path, (now, 0));
            if (now - bucket.WindowStart >= Window)
            {
                bucket = (now, 0);
            }

            resetAfter = Math.Max(0, (bucket.WindowStart + Window - now).TotalSeconds);
            if (bucket.Used >= BucketSize)
            {
                Interlocked.Increment(ref RateLimited);
                var retry = resetAfter.ToString("0.###", CultureInfo.InvariantCulture);
                return Refuse(429, $$"""{"message": "You are being rate limited.", "retry_after": {{retry}}, "global": false}""", "bucket empty",
                    new Dictionary<string, string> { ["Retry-After"] = Math.Ceiling(resetAfter).ToString(CultureInfo.InvariantCulture), ["X-RateLimit-Scope"] = "user" });
            }

            bucket.Used++;
            _buckets[path] = bucket;
            remaining = BucketSize - bucket.Used;
        }

        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = BucketSize.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset-After"] = resetAfter.ToString("0.###", CultureInfo.InvariantCulture),
            ["X-RateLimit-Bucket"] = "abcd1234",
        };
        if (body is not JsonObject message || EmbedProblem(message) is { } problem)
        {
            return Refuse(400, """{"code": 50035, "message": "Invalid Form Body", "errors": {}}""", body is null ? "not JSON" : EmbedProblem((JsonObject)body)!, headers);
        }

        var parse = message["allowed_mentions"]?["parse"] as JsonArray;
        var text = string.Join(" ", Strings(message));
        if ((parse is null || parse.Count > 0) && (text.Contains("@everyone", StringComparison.Ordinal) || text.Contains("<@", StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref Pings);
        }

        Accept(message);
        var wait = request.PathAndQuery.Contains("wait=true", StringComparison.Ordinal);
        return wait ? new ScriptedAnswer(200, """{"id": "1100000000000000001", "type": 0}""", headers) : new ScriptedAnswer(204, string.Empty, headers);
    }

    public static string? EmbedProblem(JsonObject message)
    {
        if (message["content"]?.GetValue<string>() is { Length: > 2000 })
        {
            return "content over 2000";
        }

        var embeds = message["embeds"] as JsonArray ?? [];
        if (embeds.Count > 10)
        {
            return "more than 10 embeds";
        }

        var total = 0;
        foreach (var embed in embeds.OfType<JsonObject>())
        {
            if (Len(embed["title"]) > 256 || Len(embed["description"]) > 4096 || Len(embed["footer"]?["text"]) > 2048)
            {
                return "title, description or footer too long";
            }

            var fields = embed["fields"] as JsonArray ?? [];
            if (fields.Count > 25 || fields.Any(f => Len(f?["name"]) is 0 or > 256 || Len(f?["value"]) is 0 or > 1024))
            {
                return "fields beyond limits";
            }

            if (Strings(embed).Any(s => !IsWellFormed(s)))
            {
                return "malformed text";
            }

            total += Alerts.Delivery.Discord.DiscordMessage.EmbedLength(embed);
        }

        return total > 6000 ? "embeds total over 6000" : null;
    }

    private static int Len(JsonNode? node) => node?.GetValue<string>().Length ?? 0;
}
