using System.Net.Http.Headers;
using System.Text;
using Alerts.Core.Notifications;
using Alerts.Delivery.Endpoints;

namespace Alerts.Delivery.Http;

/// <summary>
/// The HTTP edge every URL-based channel shares: one attempt, no redirects, no proxy, no cookies, no retry handler,
/// the endpoint policy enforced before sending and again on the address actually dialled, and the outcome classified by
/// Core's <see cref="HttpStatusClassifier"/>. Thread-safe; create one per process (it owns its connection pool).
/// </summary>
public sealed class DeliveryHttpClient : IDisposable
{
    private const int MaxExcerptBytes = 512;
    private readonly HttpClient _http;
    private readonly EndpointPolicy _policy;

    public DeliveryHttpClient(EndpointPolicy policy, string userAgent = "Alerts/1.0")
        : this(policy, null, userAgent)
    {
    }

    /// <summary>With <paramref name="resolve"/> standing in for DNS (tests: host names that resolve to any address).</summary>
    internal DeliveryHttpClient(EndpointPolicy policy, Func<string, CancellationToken, Task<System.Net.IPAddress[]>>? resolve, string userAgent = "Alerts/1.0")
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        var connector = new GuardedConnector(policy, resolve);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = connector.ConnectAsync,
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    /// <summary>Sends once and classifies with Core's shared classifier. Throws only when <paramref name="cancellationToken"/> is cancelled (shutdown).</summary>
    public Task<DeliveryResult> PostAsync(HttpDeliveryRequest request, CancellationToken cancellationToken) =>
        PostAsync(request, HttpAnswer.ClassifyDefault, cancellationToken);

    /// <summary>
    /// Sends once; a response is handed to <paramref name="classify"/> (a channel's own reading of its platform's answers),
    /// transport failures and refused targets are classified here. Throws only when <paramref name="cancellationToken"/> is
    /// cancelled (shutdown).
    /// </summary>
    public async Task<DeliveryResult> PostAsync(HttpDeliveryRequest request, Func<HttpAnswer, DeliveryResult> classify, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(classify);
        var check = _policy.Validate(request.Target);
        if (!check.IsAllowed)
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target " + check.Reason, null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        try
        {
            using var message = BuildMessage(request);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ReadExcerptAsync(response, request.Redactor, timeout.Token);
            return classify(new HttpAnswer((int)response.StatusCode, response.Headers, excerpt, request.Now));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HttpStatusClassifier.ClassifyException(new TimeoutException());
        }
        catch (HttpRequestException exception) when (exception.InnerException is EndpointRefusedException refused)
        {
            return new DeliveryResult.Permanent(FailureReason.InvalidTarget, "target " + refused.Message, null);
        }
        catch (HttpRequestException exception)
        {
            return HttpStatusClassifier.ClassifyException(exception);
        }
        catch (IOException exception)
        {
            // The connection broke while the response was being read.
            return HttpStatusClassifier.ClassifyException(exception);
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage BuildMessage(HttpDeliveryRequest request)
    {
        var content = new ReadOnlyMemoryContent(request.Body);
        // Every sender passes a constant media type: added as written rather than parsed on each send.
        content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        var message = new HttpRequestMessage(HttpMethod.Post, request.Target) { Content = content };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    private static async Task<string?> ReadExcerptAsync(HttpResponseMessage response, SecretRedactor redactor, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxExcerptBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        // Lossy decoding is fine for a diagnostic; control characters would let a peer forge log lines.
        var truncated = read == buffer.Length;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            clean.Append(char.IsControl(c) ? ' ' : c);
        }

        return redactor.Redact(clean.ToString().Trim(), truncated);
    }
}
