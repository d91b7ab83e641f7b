using Alerts.Api.Json;
using Alerts.Api.Subscribers;
using Alerts.Storage.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Endpoints;

/// <summary>
/// People without a key: sign up with an address (double opt-in), confirm it, ask for a sign-in link; and the email
/// channel opt-in link. The signed token in each link is the credential, so these need no key.
/// </summary>
internal static class SubscribersApi
{
    private const string Sent = "if the address can receive it, a link is on its way";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/subscribers", SignUpAsync).Accepts<SubscriberRequest>("application/json").Produces<LinkSent>(StatusCodes.Status202Accepted);
        group.MapPost("/subscribers/confirm", ConfirmAsync).Accepts<TokenRequest>("application/json").Produces<SubscriberConfirmed>();
        group.MapPost("/subscribers/sign-in", RequestSignInAsync).Accepts<SubscriberRequest>("application/json").Produces<LinkSent>(StatusCodes.Status202Accepted);
        group.MapPost("/channels/confirm", ConfirmChannelAsync).Accepts<TokenRequest>("application/json").Produces<ChannelView>();
    }

    private static async Task<IResult> SignUpAsync(HttpRequest request, SubscriberAccounts accounts, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.SubscriberRequest, options);
        return body.Problem ?? (await accounts.SignUpAsync(body.Value!.Email, cancellationToken) is { } error
            ? ApiProblems.Invalid([error])
            : TypedResults.Accepted((string?)null, new LinkSent(Sent)));
    }

    private static async Task<IResult> RequestSignInAsync(HttpRequest request, SubscriberAccounts accounts, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.SubscriberRequest, options);
        return body.Problem ?? (await accounts.RequestSignInAsync(body.Value!.Email, cancellationToken) is { } error
            ? ApiProblems.Invalid([error])
            : TypedResults.Accepted((string?)null, new LinkSent(Sent)));
    }

    private static async Task<IResult> ConfirmAsync(
        HttpRequest request, SubscriberAccounts accounts, IApiKeyRepository keys, TimeProvider time, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.TokenRequest, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (await accounts.ConfirmAsync(body.Value!.Token, cancellationToken) is not { } confirmed)
        {
            return InvalidToken();
        }

        ApiIds.CatalogChanged(request.HttpContext);
        var key = confirmed.JustConfirmed ? await TenantsApi.IssueKeyAsync(keys, confirmed.TenantId, "first key", time, cancellationToken) : null;
        return TypedResults.Ok(new SubscriberConfirmed(confirmed.TenantId, confirmed.Email, key));
    }

    private static async Task<IResult> ConfirmChannelAsync(HttpRequest request, EmailOptIn optIn, ApiOptions options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync(request, ApiJsonContext.Default.TokenRequest, options);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        if (await optIn.ConfirmAsync(body.Value!.Token, cancellationToken) is not { } channel)
        {
            return InvalidToken();
        }

        ApiIds.CatalogChanged(request.HttpContext);
        return TypedResults.Ok(ChannelsApi.View(channel));
    }

    internal static IResult InvalidToken() =>
        ApiProblems.Invalid("token", "is not a valid link (it may have expired, been used already, or been changed or cut short)");
}
