using System.Net;
using Alerts.Api.Subscribers;
using Alerts.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>
/// One-click unsubscribe (RFC 8058) without signing in: POST with a signed token disables that channel. GET only shows
/// a confirmation form, so link scanners that follow every URL in an email unsubscribe nobody.
/// </summary>
internal static class UnsubscribeApi
{
    public const string Reason = "unsubscribed by the recipient";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/unsubscribe", Page).Produces(StatusCodes.Status200OK, contentType: "text/html");
        group.MapPost("/unsubscribe", UnsubscribeAsync).Produces(StatusCodes.Status200OK, contentType: "text/html");
    }

    private static IResult Page(HttpContext context, string? token, UnsubscribeTokens tokens) =>
        tokens.Read(token) is null ? Invalid() : Render(context, token!, done: false);

    private static async Task<IResult> UnsubscribeAsync(HttpContext context, string? token, UnsubscribeTokens tokens, IChannelRepository channels, CancellationToken cancellationToken)
    {
        if (tokens.Read(token) is not var (tenantId, channelId))
        {
            return Invalid();
        }

        // A deleted channel or a repeated click is already the outcome the recipient asked for.
        if (await channels.GetAsync(tenantId, channelId, cancellationToken) is { Enabled: true } channel)
        {
            await channels.UpsertAsync(channel with { Enabled = false, DisabledReason = Reason }, cancellationToken);
            ApiIds.CatalogChanged(context);
        }

        return Render(context, token!, done: true);
    }

    /// <summary>The page's own frame; the form posts without an anti-forgery token, as mail providers' one-click posts do.</summary>
    private static IResult Render(HttpContext context, string token, bool done)
    {
        Alerts.Api.Page.PageSecurity.Apply(context.Response);
        var frame = Alerts.Api.Page.PageResults.Frame(context, done ? "Unsubscribed" : "Unsubscribe", null);
        return Alerts.Api.Page.PageResults.Render<Alerts.Api.Page.Components.UnsubscribePage>(frame, new Alerts.Api.Page.UnsubscribeModel(token, done));
    }

    private static IResult Invalid() =>
        ApiProblems.Invalid("token", "is not a valid unsubscribe link (it may have been changed or cut short)");
}
