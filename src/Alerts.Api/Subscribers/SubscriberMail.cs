using System.Net;
using Alerts.Core.Notifications;
using Alerts.Delivery.Email;
using Microsoft.Extensions.Logging;

namespace Alerts.Api.Subscribers;

/// <summary>The account emails (confirm your address, your sign-in link), with links to this service's page.</summary>
public sealed partial class SubscriberMail(IAccountMail mail, SignedTokens tokens, ApiOptions options, TimeProvider time, ILogger<SubscriberMail> logger)
{
    public const string ConfirmPath = "/confirm";
    public const string SignInPath = "/sign-in";
    public const string ConfirmChannelPath = "/confirm-channel";

    public Task<DeliveryResult> SendConfirmationAsync(string email, CancellationToken cancellationToken) =>
        SendAsync(
            email,
            "Confirm your email address for Alerts",
            "Someone (we hope you) signed up for Alerts with this address. Confirm it to start receiving alerts here:",
            Link(ConfirmPath, tokens.Create(SignedTokens.Confirm, options.ConfirmationLinkLifetime, email)),
            $"The link works for {Describe(options.ConfirmationLinkLifetime)}. If it was not you, ignore this email: nothing will be sent to you.",
            cancellationToken);

    public Task<DeliveryResult> SendSignInAsync(string email, CancellationToken cancellationToken) =>
        SendAsync(
            email,
            "Your Alerts sign-in link",
            "Sign in to Alerts with this link. It works once:",
            Link(SignInPath, tokens.Create(SignedTokens.SignIn, options.SignInLinkLifetime, email, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)))),
            $"The link expires in {Describe(options.SignInLinkLifetime)}. If you did not ask for it, ignore this email.",
            cancellationToken);

    public Task<DeliveryResult> SendChannelConfirmationAsync(string tenantId, string channelId, string email, CancellationToken cancellationToken) =>
        SendAsync(
            email,
            "Confirm this address for Alerts",
            "An Alerts account wants to send alerts to this address. Nothing but this email is sent until you confirm:",
            Link(ConfirmChannelPath, tokens.Create(SignedTokens.ConfirmChannel, options.ConfirmationLinkLifetime, tenantId, channelId, email)),
            $"The link works for {Describe(options.ConfirmationLinkLifetime)}. If you do not want these alerts, ignore this email.",
            cancellationToken);

    private Uri Link(string path, string token) => new(options.PublicBase, path + "?token=" + Uri.EscapeDataString(token));

    private async Task<DeliveryResult> SendAsync(string to, string subject, string lead, Uri link, string note, CancellationToken cancellationToken)
    {
        var text = $"{lead}\n\n{link.AbsoluteUri}\n\n{note}\n";
        var html = "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>" + WebUtility.HtmlEncode(subject) + "</title>\n</head>\n<body>\n"
            + "<p>" + WebUtility.HtmlEncode(lead) + "</p>\n<p><a href=\"" + WebUtility.HtmlEncode(link.AbsoluteUri) + "\">" + WebUtility.HtmlEncode(subject) + "</a></p>\n"
            + "<p>" + WebUtility.HtmlEncode(note) + "</p>\n</body>\n</html>\n";
        var result = await mail.SendAsync(to, new RenderedEmail(subject, text, html), time.GetUtcNow(), cancellationToken);
        if (result is not DeliveryResult.Delivered)
        {
            LogNotSent(logger, subject, result.ToString());
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account email \"{Subject}\" was not sent: {Outcome}")]
    private static partial void LogNotSent(ILogger logger, string subject, string outcome);

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{span.TotalDays:0.#} days" : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{span.TotalMinutes:0} minutes";
}
