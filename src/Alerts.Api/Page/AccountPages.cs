using Alerts.Api.Page.Components;
using Alerts.Api.Subscribers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Alerts.Api.Page;

/// <summary>
/// Signing up, confirming, signing in and out. Links from emails open a page with one button that posts the token, so
/// mail scanners that follow every link confirm nothing and spend no single-use link.
/// </summary>
internal static class AccountPages
{
    private const string CheckInbox = "If the address can receive email, a link is on its way. Open it on this device to continue.";

    public static void Map(RouteGroupBuilder page, RouteGroupBuilder forms)
    {
        page.MapGet("/", HomeAsync);
        forms.MapPost("/sign-up", SignUpAsync);
        forms.MapPost("/sign-in/email", RequestSignInAsync);
        forms.MapPost("/sign-in/key", KeySignInAsync);
        page.MapGet(SubscriberMail.ConfirmPath, (HttpContext http, string? token) => Landing(http, token, SubscriberMail.ConfirmPath, "Confirm your email address", "Confirm"));
        forms.MapPost(SubscriberMail.ConfirmPath, ConfirmAsync);
        page.MapGet(SubscriberMail.SignInPath, (HttpContext http, string? token) => Landing(http, token, SubscriberMail.SignInPath, "Sign in", "Sign in"));
        forms.MapPost(SubscriberMail.SignInPath, SignInAsync);
        page.MapGet(SubscriberMail.ConfirmChannelPath, (HttpContext http, string? token) => Landing(http, token, SubscriberMail.ConfirmChannelPath, "Confirm this address for alerts", "Confirm"));
        forms.MapPost(SubscriberMail.ConfirmChannelPath, ConfirmChannelAsync);
        forms.MapPost("/sign-out", (HttpContext http) =>
        {
            PageSessions.SignOut(http);
            return PageResults.SeeOther("/");
        });
    }

    private static async Task<IResult> HomeAsync(HttpContext http, PageSessions sessions) =>
        await sessions.CurrentAsync(http) is not null
            ? PageResults.SeeOther("/alerts")
            : PageResults.Render<SignedOutPage>(PageResults.Frame(http, "Company alerts for people", null), new SignedOutModel());

    private static async Task<IResult> SignUpAsync(HttpContext http, SubscriberAccounts accounts)
    {
        var email = (await http.Request.ReadFormAsync(http.RequestAborted))["email"].ToString();
        return await accounts.SignUpAsync(email, http.RequestAborted) is { } error
            ? PageResults.Render<SignedOutPage>(PageResults.Frame(http, "Company alerts for people", null), new SignedOutModel(email, PageErrors.Of(error)), StatusCodes.Status400BadRequest)
            : PageResults.Notice(http, "Check your inbox", CheckInbox);
    }

    private static async Task<IResult> RequestSignInAsync(HttpContext http, SubscriberAccounts accounts)
    {
        var email = (await http.Request.ReadFormAsync(http.RequestAborted))["signin-email"].ToString();
        return await accounts.RequestSignInAsync(email, http.RequestAborted) is { } error
            ? PageResults.Render<SignedOutPage>(PageResults.Frame(http, "Company alerts for people", null), new SignedOutModel(null, PageErrors.Of(new FieldError("signin-email", error.Message))), StatusCodes.Status400BadRequest)
            : PageResults.Notice(http, "Check your inbox", CheckInbox);
    }

    private static async Task<IResult> KeySignInAsync(HttpContext http, PageSessions sessions)
    {
        var key = (await http.Request.ReadFormAsync(http.RequestAborted))["key"].ToString();
        if (await sessions.FromKeyAsync(key, http.RequestAborted) is not { } user)
        {
            return PageResults.Render<SignedOutPage>(
                PageResults.Frame(http, "Company alerts for people", null),
                new SignedOutModel(null, PageErrors.Of(new FieldError("key", "is not a valid, unrevoked API key"))),
                StatusCodes.Status400BadRequest);
        }

        sessions.SignIn(http, user);
        return PageResults.SeeOther("/alerts");
    }

    private static IResult Landing(HttpContext http, string? token, string action, string title, string button) =>
        string.IsNullOrWhiteSpace(token)
            ? BadLink(http)
            : PageResults.Notice(http, title, "Press the button to continue.", form: new ButtonForm(action, button, new Dictionary<string, string> { ["token"] = token }));

    private static async Task<IResult> ConfirmAsync(HttpContext http, SubscriberAccounts accounts, PageSessions sessions)
    {
        if (await accounts.ConfirmAsync(await TokenAsync(http), http.RequestAborted) is not { } confirmed)
        {
            return BadLink(http);
        }

        Endpoints.ApiIds.CatalogChanged(http);
        sessions.SignIn(http, new PageUser(confirmed.TenantId, PageUser.ByEmail, confirmed.Email));
        return PageResults.SeeOther("/watchlists?welcome=1");
    }

    private static async Task<IResult> SignInAsync(HttpContext http, SubscriberAccounts accounts, PageSessions sessions)
    {
        if (await accounts.SignInAsync(await TokenAsync(http), http.RequestAborted) is not { } subscriber)
        {
            return BadLink(http);
        }

        sessions.SignIn(http, new PageUser(subscriber.TenantId, PageUser.ByEmail, subscriber.Email));
        return PageResults.SeeOther("/alerts");
    }

    private static async Task<IResult> ConfirmChannelAsync(HttpContext http, EmailOptIn optIn)
    {
        if (await optIn.ConfirmAsync(await TokenAsync(http), http.RequestAborted) is not { } channel)
        {
            return BadLink(http);
        }

        Endpoints.ApiIds.CatalogChanged(http);
        return PageResults.Notice(http, "Address confirmed", $"Alerts for the channel “{channel.Name}” now reach this address.");
    }

    private static async Task<string> TokenAsync(HttpContext http) => (await http.Request.ReadFormAsync(http.RequestAborted))["token"].ToString();

    private static IResult BadLink(HttpContext http) =>
        PageResults.Notice(http, "This link does not work", "It may have expired, been used already, or been cut short by your email program. Start again from the first page.", StatusCodes.Status400BadRequest);
}
