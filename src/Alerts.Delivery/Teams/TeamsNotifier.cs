using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Http;
using Alerts.Delivery.Templates;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Teams;

/// <summary>
/// Microsoft Teams through a Workflows "when a Teams webhook request is received" URL: an Adaptive Card, 202 (or 200) is
/// success, paced to two a second per URL (within Teams' 4 per second and 60 per 30 seconds). Teams reports throttling in
/// the body ("Microsoft Teams endpoint returned HTTP error 429") rather than with a 429; that is read as rate limited.
/// Teams' longer caps per URL (60 per 30 s, 100 per hour, 150 per 2 hours, 1,800 per day) are counted by
/// <see cref="EndpointQuota"/>: a send that would break one waits in the store for the window to free a slot.
/// </summary>
public sealed class TeamsNotifier(
    DeliveryHttpClient http, EndpointPacer pacer, EndpointQuota quota, IDeliveryContextSource contexts, ChatOptions options, ILogger<TeamsNotifier> logger)
    : ChatNotifier(http, pacer, contexts, options, logger)
{
    /// <summary>Teams' documented caps per webhook URL beyond the per-second pacing.</summary>
    public static readonly IReadOnlyList<QuotaWindow> Caps =
    [
        new(TimeSpan.FromSeconds(30), 60),
        new(TimeSpan.FromHours(1), 100),
        new(TimeSpan.FromHours(2), 150),
        new(TimeSpan.FromDays(1), 1800),
    ];

    /// <summary>How long to leave a URL alone after Teams said it was throttled, when it gives no Retry-After.</summary>
    public static readonly TimeSpan ThrottleBackoff = TimeSpan.FromSeconds(30);

    public override ChannelKind Kind => ChannelKind.Teams;

    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(500);

    protected override DeliveryResult.Retryable? ClaimQuota(string endpoint) =>
        quota.TryAcquire(endpoint, Caps) is var (window, retryAfter)
            ? new DeliveryResult.Retryable(
                FailureReason.RateLimited, $"Teams allows {window.Describe()} per webhook; next slot in {retryAfter.TotalMinutes:0.#} min", null, retryAfter)
            : null;

    protected override void ReturnQuota(string endpoint) => quota.Release(endpoint);

    protected override JsonObject BuildPayload(AlertFields fields, ComposedText text) => TeamsCard.Build(fields, text);

    protected override DeliveryResult Classify(HttpAnswer answer, string endpoint)
    {
        var excerpt = answer.Excerpt ?? string.Empty;
        if (answer.Status == 429 || excerpt.Contains("HTTP error 429", StringComparison.OrdinalIgnoreCase))
        {
            var wait = HttpStatusClassifier.RetryAfter(answer.Headers, answer.Now) ?? ThrottleBackoff;
            return RateLimited(endpoint, answer, wait, answer.Describe("throttled by Teams"));
        }

        if (answer.Status == 413 || excerpt.Contains("entity too large", StringComparison.OrdinalIgnoreCase))
        {
            return new DeliveryResult.Permanent(FailureReason.Rejected, answer.Describe("card too large for Teams"), answer.Status);
        }

        return answer.IsSuccess ? answer.Delivered() : answer.Classify();
    }
}
