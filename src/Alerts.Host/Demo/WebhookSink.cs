using Alerts.Host.Web;
using System.Collections.Concurrent;
using Alerts.Delivery.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alerts.Host.Demo;

/// <summary>What the team's endpoint received: the delivery id it can dedupe on and whether the signature checked out.</summary>
public sealed record SinkReceipt(string? WebhookId, bool Verified, string Detail);

/// <summary>
/// The demo team's webhook endpoint: a real Kestrel server on 127.0.0.1 that verifies each request's Standard Webhooks
/// signature as a receiver would, and answers 401 to anything that does not verify.
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookSink(WebApplication app, Uri url, ConcurrentQueue<SinkReceipt> receipts)
    {
        _app = app;
        Url = url;
        Receipts = receipts;
    }

    public Uri Url { get; }

    public ConcurrentQueue<SinkReceipt> Receipts { get; }

    public static async Task<WebhookSink> StartAsync(WebhookSecret secret, CancellationToken cancellationToken)
    {
        var receipts = new ConcurrentQueue<SinkReceipt>();
        var verifier = new WebhookVerifier(secret, TimeProvider.System);
        var (app, baseUrl) = await LoopbackHost.StartAsync(app => app.MapPost("/hooks/ai-desk", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers;
            var verification = verifier.Verify(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body.ToArray());
            var ok = verification.Failure == WebhookVerificationFailure.None;
            receipts.Enqueue(new SinkReceipt(headers["webhook-id"], ok, verification.Reason));
            return ok ? Results.NoContent() : Results.Unauthorized();
        }), cancellationToken);
        return new WebhookSink(app, new Uri(baseUrl, "hooks/ai-desk"), receipts);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
