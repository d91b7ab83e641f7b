using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Http;
using Alerts.Delivery.Templates;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Discord;

/// <summary>
/// Discord webhooks (<c>?wait=true</c>, so success is a 200 with the message). Paced by Discord's own headers: when
/// <c>X-RateLimit-Remaining</c> reaches 0 the webhook is held until <c>X-RateLimit-Reset-After</c>; a 429 is retried after
/// the body's <c>retry_after</c>. 404 (unknown webhook) and 401 (invalid webhook token) mean the webhook was deleted or
/// its token reset: the channel is disabled with the reason.
/// </summary>
public sealed class DiscordNotifier(
    DeliveryHttpClient http, EndpointPacer pacer, IDeliveryContextSource contexts, ChatOptions options, ILogger<DiscordNotifier> logger)
    : ChatNotifier(http, pacer, contexts, options, logger)
{
    /// <summary>Added to Discord's reset time: its clock and ours round differently, and a send a hair early earns a 429.</summary>
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(100);

    public override ChannelKind Kind => ChannelKind.Discord;

    protected override TimeSpan Interval => TimeSpan.Zero;

    protected override JsonObject BuildPayload(AlertFields fields, ComposedText text) => DiscordMessage.Build(fields, text);

    protected override Uri PostUrl(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var builder = new UriBuilder(target);
        var query = builder.Query.TrimStart('?');
        builder.Query = query.Contains("wait=", StringComparison.Ordinal) ? query : (query.Length == 0 ? "wait=true" : query + "&wait=true");
        return builder.Uri;
    }

    protected override DeliveryResult Classify(HttpAnswer answer, string endpoint)
    {
        if (answer.Header("X-RateLimit-Remaining") == "0" && Seconds(answer.Header("X-RateLimit-Reset-After")) is { } reset)
        {
            Pacer.HoldFor(endpoint, reset + ResetMargin);
        }

        return answer.Status switch
        {
            >= 200 and < 300 => answer.Delivered(),
            429 => RateLimited(endpoint, answer, RetryAfter(answer), answer.Describe("rate limited by Discord")),
            404 => new DeliveryResult.Permanent(
                FailureReason.Gone, $"Discord says the webhook does not exist (deleted); create a new one [{answer.Describe()}]", 404, DisableEndpoint: true),
            401 => new DeliveryResult.Permanent(
                FailureReason.Gone, $"Discord says the webhook token is invalid (reset or deleted); create a new webhook [{answer.Describe()}]", 401, DisableEndpoint: true),
            _ => answer.Classify(),
        };
    }

    /// <summary>The body's <c>retry_after</c> (seconds, fractional) is the precise one; Retry-After is the fallback.</summary>
    private static TimeSpan? RetryAfter(HttpAnswer answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer.Excerpt ?? string.Empty);
            if (json.RootElement.TryGetProperty("retry_after", out var value) && value.TryGetDouble(out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): fall back to the header.
        }

        return HttpStatusClassifier.RetryAfter(answer.Headers, answer.Now) ?? TimeSpan.FromSeconds(1);
    }

    private static TimeSpan? Seconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
}
