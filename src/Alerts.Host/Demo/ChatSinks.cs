using Alerts.Host.Web;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Alerts.Host.Demo;

/// <summary>One message a chat team saw: the heading as the platform would show it.</summary>
public sealed record ChatReceipt(string Platform, string Heading);

/// <summary>
/// The demo's Slack and Teams teams: one Kestrel server on 127.0.0.1 standing in for a Slack incoming webhook (answers
/// <c>ok</c> to a message with a text fallback and Block Kit blocks) and a Teams Workflows URL (answers 202 to an Adaptive
/// Card in the attachments envelope). Anything else gets the platform's refusal, so a malformed message fails the demo.
/// </summary>
public sealed class ChatSinks : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ChatSinks(WebApplication app, Uri baseUrl, ConcurrentQueue<ChatReceipt> receipts)
    {
        _app = app;
        SlackUrl = new Uri(baseUrl, "services/T0DEMO/B0DEMO/quant-desk-token");
        TeamsUrl = new Uri(baseUrl, "workflows/ir-team/triggers/manual/paths/invoke?sig=demo");
        Receipts = receipts;
    }

    public Uri SlackUrl { get; }

    public Uri TeamsUrl { get; }

    public ConcurrentQueue<ChatReceipt> Receipts { get; }

    public static async Task<ChatSinks> StartAsync(CancellationToken cancellationToken)
    {
        var receipts = new ConcurrentQueue<ChatReceipt>();
        var (app, baseUrl) = await LoopbackHost.StartAsync(app => Map(app, receipts), cancellationToken);
        return new ChatSinks(app, baseUrl, receipts);
    }

    private static void Map(WebApplication app, ConcurrentQueue<ChatReceipt> receipts)
    {
        app.MapPost("/services/{team}/{bot}/{token}", async (HttpContext context) =>
        {
            var message = await ReadAsync(context);
            var heading = message?["blocks"]?[0]?["text"]?["text"]?.GetValue<string>();
            if (message?["text"]?.GetValue<string>() is not { Length: > 0 } || message["blocks"] is not JsonArray { Count: > 0 and <= 50 } || heading is null)
            {
                return Results.Text("invalid_payload", statusCode: 400);
            }

            receipts.Enqueue(new ChatReceipt("Slack", heading));
            return Results.Text("ok");
        });
        app.MapPost("/workflows/{flow}/triggers/manual/paths/invoke", async (HttpContext context) =>
        {
            var message = await ReadAsync(context);
            var card = message?["attachments"]?[0]?["content"];
            if (message?["type"]?.GetValue<string>() != "message" || card?["type"]?.GetValue<string>() != "AdaptiveCard"
                || card["body"]?[0]?["text"]?.GetValue<string>() is not { } heading)
            {
                return Results.Text("Bad payload", statusCode: 400);
            }

            receipts.Enqueue(new ChatReceipt("Teams", heading));
            return Results.StatusCode(202);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<JsonNode?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
