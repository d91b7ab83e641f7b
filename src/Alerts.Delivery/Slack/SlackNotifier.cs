using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Http;
using Alerts.Delivery.Templates;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Slack;

/// <summary>
/// Slack incoming webhooks: Block Kit with a text fallback, paced to one message a second per webhook (Slack's limit),
/// 429 honoured with its Retry-After, and the answers that mean the webhook is dead (<c>no_service</c>,
/// <c>channel_is_archived</c>, <c>invalid_token</c>, 404, 410) disable the channel with the reason in words.
/// </summary>
public sealed class SlackNotifier(
    DeliveryHttpClient http, EndpointPacer pacer, IDeliveryContextSource contexts, ChatOptions options, ILogger<SlackNotifier> logger)
    : ChatNotifier(http, pacer, contexts, options, logger)
{
    private static readonly Dictionary<string, string> DeadAnswers = new(StringComparer.Ordinal)
    {
        ["no_service"] = "Slack says this webhook was revoked or its app removed (no_service); create a new incoming webhook",
        ["channel_is_archived"] = "Slack says the channel is archived (channel_is_archived); unarchive it or create a webhook for another channel",
        ["invalid_token"] = "Slack says the webhook's token is invalid (invalid_token); create a new incoming webhook",
        ["channel_not_found"] = "Slack says the channel no longer exists (channel_not_found); create a webhook for another channel",
        ["team_disabled"] = "Slack says the workspace is disabled (team_disabled)",
    };

    public override ChannelKind Kind => ChannelKind.Slack;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override JsonObject BuildPayload(AlertFields fields, ComposedText text) => SlackMessage.Build(fields, text);

    protected override DeliveryResult Classify(HttpAnswer answer, string endpoint)
    {
        var code = (answer.Excerpt ?? string.Empty).Trim();
        if (answer.IsSuccess)
        {
            return answer.Delivered();
        }

        if (DeadAnswers.TryGetValue(code, out var why) || answer.Status is 404 or 410)
        {
            why ??= $"Slack says the webhook is gone (HTTP {answer.Status}); create a new incoming webhook";
            return new DeliveryResult.Permanent(FailureReason.Gone, $"{why} [{answer.Describe()}]", answer.Status, DisableEndpoint: true);
        }

        return answer.Status == 429
            ? RateLimited(endpoint, answer, HttpStatusClassifier.RetryAfter(answer.Headers, answer.Now) ?? TimeSpan.FromSeconds(1), answer.Describe("rate limited by Slack"))
            : answer.Classify();
    }
}
