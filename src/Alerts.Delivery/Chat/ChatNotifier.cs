using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Delivery.Http;
using Alerts.Delivery.Templates;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Chat;

/// <summary>
/// The steps every chat webhook channel takes, in order: check the target, find the subscriber's wording, compose, build
/// the platform's JSON, wait for the endpoint's slot, POST once, let the platform's own rules classify the answer, log.
/// Subclasses supply the payload and the classification; none of them retries.
/// </summary>
public abstract class ChatNotifier : INotifier
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private readonly DeliveryHttpClient _http;
    private readonly IDeliveryContextSource _contexts;
    private readonly ILogger _logger;

    protected ChatNotifier(DeliveryHttpClient http, EndpointPacer pacer, IDeliveryContextSource contexts, ChatOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(pacer);
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        Pacer = pacer;
        _contexts = contexts;
        Options = options;
        _logger = logger;
    }

    public abstract ChannelKind Kind { get; }

    protected EndpointPacer Pacer { get; }

    protected ChatOptions Options { get; }

    /// <summary>The platform's documented per-endpoint spacing (zero when it paces by response headers instead).</summary>
    protected abstract TimeSpan Interval { get; }

    public async Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await SendOnceAsync(request, cancellationToken);
        ChannelLog.Outcome(_logger, request, ChannelLog.HostOf(request.Channel.Target), result);
        return result;
    }

    /// <summary>The platform's message for one alert.</summary>
    protected abstract JsonObject BuildPayload(AlertFields fields, ComposedText text);

    /// <summary>Where to POST (Discord adds <c>?wait=true</c>).</summary>
    protected virtual Uri PostUrl(Uri target) => target;

    /// <summary>Reads the platform's answer; <paramref name="endpoint"/> is the pacer key, for holding the endpoint back.</summary>
    protected abstract DeliveryResult Classify(HttpAnswer answer, string endpoint);

    /// <summary>The exact bytes a message is sent as (UTF-8 JSON, CJK unescaped).</summary>
    public static byte[] Serialize(JsonNode payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            payload.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Counts this send against the platform's longer caps (per hour, per day); a Retryable, with the time until a slot
    /// frees, when one is full. None by default.
    /// </summary>
    protected virtual DeliveryResult.Retryable? ClaimQuota(string endpoint) => null;

    /// <summary>Takes back what <see cref="ClaimQuota"/> counted, when the send was not made after all.</summary>
    protected virtual void ReturnQuota(string endpoint)
    {
    }

    /// <summary>A Retryable for a platform's rate-limit answer, holding the endpoint back for the same time.</summary>
    protected DeliveryResult.Retryable RateLimited(string endpoint, HttpAnswer answer, TimeSpan? retryAfter, string detail)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (retryAfter is { } wait)
        {
            Pacer.HoldFor(endpoint, wait);
        }

        return new DeliveryResult.Retryable(FailureReason.RateLimited, detail, answer.Status, retryAfter);
    }

    private async Task<DeliveryResult> SendOnceAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        var channel = request.Channel;
        if (!Uri.TryCreate(channel.Target, UriKind.Absolute, out var target))
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target is not an absolute URL", null);
        }

        var context = await _contexts.GetAsync(request.Alert, channel, cancellationToken);
        var fields = AlertFields.From(request.Alert, context);
        if (ComposedText.Compose(fields, context.Template, out var failure) is not { } text)
        {
            return failure!;
        }

        var body = Serialize(BuildPayload(fields, text));
        var endpoint = target.AbsoluteUri;
        if (ClaimQuota(endpoint) is { } capped)
        {
            return capped;
        }

        var (granted, wait) = await Pacer.WaitTurnAsync(endpoint, Interval, Options.MaxPacingWait, cancellationToken);
        if (!granted)
        {
            ReturnQuota(endpoint);
            return new DeliveryResult.Retryable(FailureReason.RateLimited, $"paced: the endpoint's next free slot is in {wait.TotalSeconds:0.#} s", null, wait);
        }

        var outbound = new HttpDeliveryRequest(
            PostUrl(target), body, "application/json", [], Options.Timeout, request.Now, new SecretRedactor(target, channel.Target, channel.Secret));
        return await _http.PostAsync(outbound, answer => Classify(answer, endpoint), cancellationToken);
    }
}
