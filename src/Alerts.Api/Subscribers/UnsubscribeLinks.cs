using Alerts.Delivery.Email;

namespace Alerts.Api.Subscribers;

/// <summary>
/// The links alert emails carry: this API's one-click endpoint with a token <see cref="UnsubscribeTokens"/> reads, so the
/// link in an email and the endpoint that honours it share one implementation.
/// </summary>
public sealed class UnsubscribeLinks(UnsubscribeTokens tokens, ApiOptions options) : IUnsubscribeLinks
{
    public const string Path = "/api/v1/unsubscribe";

    public Uri? For(string tenantId, string channelId) =>
        new(options.PublicBase, Path + "?token=" + Uri.EscapeDataString(tokens.Create(tenantId, channelId)));
}
