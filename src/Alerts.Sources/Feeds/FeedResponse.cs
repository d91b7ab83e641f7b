using System.Text;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Feeds;

/// <summary>A successful response body as bytes, with the charset the server declared.</summary>
internal sealed record FeedResponse(byte[] Body, string? CharSet)
{
    /// <summary>The body as text in the declared charset, UTF-8 when none (or an unknown one) is declared.</summary>
    public string Text()
    {
        var encoding = Encoding.UTF8;
        GbkText.EnsureCodePages();
        if (!string.IsNullOrWhiteSpace(CharSet))
        {
            try
            {
                encoding = Encoding.GetEncoding(CharSet.Trim('"', ' '));
            }
            catch (ArgumentException)
            {
                // Unknown charset label: UTF-8 is what every text source here actually sends.
            }
        }

        return encoding.GetString(Body);
    }
}
