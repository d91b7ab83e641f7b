using System.Runtime.CompilerServices;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Http;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Webhooks;

/// <summary>
/// Standard Webhooks sender: POSTs the <c>alert.fired</c> payload signed with the channel's <c>whsec_</c> secret(s).
/// <c>webhook-id</c> is the delivery id (the same on every retry), <c>webhook-timestamp</c> the attempt's clock reading.
/// One attempt per call; the deliver stage owns retries.
/// </summary>
public sealed class GenericWebhookNotifier : INotifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    private readonly DeliveryHttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    // Channels are immutable and the catalog hands out the same instance until it changes: each is parsed once, not per send.
    private readonly ConditionalWeakTable<Channel, PreparedChannel> _prepared = [];

    /// <summary>What a send needs from its channel, parsed: the target (null when not a URL), the secrets (null when invalid).</summary>
    private sealed record PreparedChannel(Uri? Target, IReadOnlyList<WebhookSecret>? Secrets, string Host, SecretRedactor Redactor)
    {
        public static PreparedChannel Of(Channel channel)
        {
            Uri.TryCreate(channel.Target, UriKind.Absolute, out var target);
            return new PreparedChannel(
                target,
                WebhookSecret.ParseList(channel.Secret),
                ChannelLog.HostOf(channel.Target),
                new SecretRedactor(target, [channel.Secret, channel.Target, .. channel.Headers?.Values ?? []]));
        }
    }

    public GenericWebhookNotifier(DeliveryHttpClient http, WebhookOptions options, ILogger<GenericWebhookNotifier> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));
        _http = http;
        _timeout = options.Timeout;
        _logger = logger;
    }

    public ChannelKind Kind => ChannelKind.Webhook;

    public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prepared = _prepared.GetValue(request.Channel, PreparedChannel.Of);
        var result = await SendOnceAsync(request, prepared, cancellationToken);
        Log(request, prepared.Host, result);
        return result;
    }

    private async Task<DeliveryResult> SendOnceAsync(DeliveryRequest request, PreparedChannel prepared, CancellationToken cancellationToken)
    {
        var channel = request.Channel;
        if (prepared.Target is not { } target)
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target is not an absolute URL", null);
        }

        if (prepared.Secrets is not { } secrets)
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "secret " + WebhookSecret.FormatDescription, null);
        }

        var body = AlertPayloadSerializer.Serialize(request.Alert, request.Delivery);
        var timestamp = request.Now.ToUnixTimeSeconds();
        var signature = WebhookSigner.Sign(request.Delivery.Id, timestamp, body, secrets);
        var outbound = new HttpDeliveryRequest(
            target,
            body,
            "application/json",
            [
                .. WebhookHeaders.Extra(channel.Headers),
                new(IdHeader, request.Delivery.Id),
                new(TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new(SignatureHeader, signature),
            ],
            _timeout,
            request.Now,
            prepared.Redactor);
        return await _http.PostAsync(outbound, cancellationToken);
    }

    private void Log(DeliveryRequest request, string host, DeliveryResult result)
    {
        var (delivery, alert, channel) = (request.Delivery, request.Alert, request.Channel);
        switch (result)
        {
            case DeliveryResult.Delivered d:
                WebhookLog.Delivered(_logger, host, d.Code, delivery.Id, alert.Id, channel.Id, channel.TenantId);
                break;
            case DeliveryResult.Retryable r:
                WebhookLog.Retryable(_logger, host, r.Reason, r.Code, r.RetryAfter, r.Detail, delivery.Id, alert.Id, channel.Id, channel.TenantId);
                break;
            case DeliveryResult.Permanent p:
                WebhookLog.Permanent(_logger, host, p.Reason, p.Code, p.DisableEndpoint, p.Detail, delivery.Id, alert.Id, channel.Id, channel.TenantId);
                break;
        }
    }
}
