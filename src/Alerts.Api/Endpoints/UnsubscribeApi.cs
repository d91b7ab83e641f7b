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

    private static IResult Page(string? token, UnsubscribeTokens tokens) =>
        tokens.Read(token) is null
            ? Invalid()
            : TypedResults.Content(
                $"""<!doctype html><meta charset="utf-8"><title>Unsubscribe</title><form method="post" action="?token={WebUtility.UrlEncode(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><p>Stop these alerts?</p><button>Unsubscribe</button></form>""",
                "text/html; charset=utf-8");

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

        return TypedResults.Content("""<!doctype html><meta charset="utf-8"><title>Unsubscribed</title><p>You are unsubscribed.</p>""", "text/html; charset=utf-8");
    }

    private static IResult Invalid() =>
        ApiProblems.Invalid("token", "is not a valid unsubscribe link (it may have been changed or cut short)");
}
