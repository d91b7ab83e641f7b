using System.Text;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Feeds;

/// <summary>A successful response body as bytes, with the charset the server declared and its cache validators.</summary>
internal sealed record FeedResponse(byte[] Body, string? CharSet)
{
    /// <summary>
    /// The body as text in the declared charset, UTF-8 when none (or an unknown one) is declared. Bytes that do not decode
    /// under that charset, or a replacement character already in the text (a relay that garbled it), throw
    /// <see cref="FeedEncodingException"/>: a garbled copy must never be stored, since the event id would freeze it.
    /// </summary>
    public string Text()
    {
        GbkText.EnsureCodePages();
        var name = "utf-8";
        if (!string.IsNullOrWhiteSpace(CharSet))
        {
            var declared = CharSet.Trim('"', ' ');
            try
            {
                _ = Encoding.GetEncoding(declared);
                name = declared;
            }
            catch (ArgumentException)
            {
                // Unknown charset label: UTF-8 is what every text source here actually sends.
            }
        }

        var strict = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        string text;
        try
        {
            text = strict.GetString(Body);
        }
        catch (DecoderFallbackException exception)
        {
            var at = exception.Index >= 0 ? $" at byte {exception.Index}" : string.Empty;
            throw new FeedEncodingException($"the body does not decode as {strict.WebName}{at} (mislabelled charset?)", exception);
        }

        var replacement = text.IndexOf('\uFFFD', StringComparison.Ordinal);
        return replacement < 0
            ? text
            : throw new FeedEncodingException($"the body holds a replacement character (U+FFFD) at character {replacement}: it was garbled before it arrived");
    }
}

/// <summary>A body whose bytes are not text in the charset it was declared in; the poll fails and the next one retries.</summary>
internal sealed class FeedEncodingException(string message, Exception? inner = null) : Exception(message, inner);
