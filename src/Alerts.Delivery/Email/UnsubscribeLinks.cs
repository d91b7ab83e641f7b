namespace Alerts.Delivery.Email;

/// <summary>
/// The one-click unsubscribe link an alert email carries (its List-Unsubscribe header and the link in its body). The host
/// that serves the unsubscribe endpoint supplies the implementation, so the token in the link is one that endpoint reads.
/// </summary>
public interface IUnsubscribeLinks
{
    /// <summary>The absolute link that stops this channel's alerts, or null when no unsubscribe endpoint is served.</summary>
    Uri? For(string tenantId, string channelId);
}

/// <summary>For hosts that serve no unsubscribe endpoint: emails carry no link.</summary>
public sealed class NoUnsubscribeLinks : IUnsubscribeLinks
{
    public static readonly NoUnsubscribeLinks Instance = new();

    public Uri? For(string tenantId, string channelId) => null;
}

/// <summary>Adds an unsubscribe link to an email: RFC 8058 headers and a line at the end of both bodies.</summary>
public static class EmailUnsubscribe
{
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(Uri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return [new("List-Unsubscribe", "<" + link.AbsoluteUri + ">"), new("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")];
    }

    public static RenderedEmail WithLink(RenderedEmail content, Uri link)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(link);
        var text = content.TextBody.TrimEnd('\n') + "\n\nStop these alerts: " + link.AbsoluteUri + "\n";
        var anchor = "<p style=\"font-size:12px;color:#59636e\"><a href=\"" + Html.Escape(link.AbsoluteUri) + "\">Unsubscribe from these alerts</a></p>\n";
        var cut = content.HtmlBody.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var html = cut < 0 ? content.HtmlBody + anchor : content.HtmlBody[..cut] + anchor + content.HtmlBody[cut..];
        return content with { TextBody = text, HtmlBody = html };
    }
}
