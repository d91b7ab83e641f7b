using System.Globalization;
using System.Text;

namespace Alerts.Delivery.Email;

/// <summary>
/// Writes an RFC 5322 / MIME message: CRLF lines, <c>multipart/alternative</c> with a UTF-8 text part and a UTF-8 HTML
/// part (base64, 76-column lines), an RFC 2047 encoded Subject and display name when they are not ASCII. The output
/// depends only on its input, so rewriting a message yields the same bytes.
/// </summary>
public static class EmlWriter
{
    private const string Crlf = "\r\n";
    private const int EncodedWordMaxBytes = 42; // 56 base64 chars: a 68-char word, so "Subject: " + word fits 78 columns

    public static byte[] Write(EmlMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var boundary = "=_alerts_" + new string([.. message.MessageId.Where(char.IsAsciiLetterOrDigit).Take(40)]);
        var eml = new StringBuilder();
        Header(eml, "From", FormatAddress(message.FromName, message.FromAddress));
        Header(eml, "To", message.To);
        Header(eml, "Subject", EncodeHeaderText(message.Content.Subject));
        Header(eml, "Date", message.Date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(eml, "Message-ID", "<" + message.MessageId + ">");
        Header(eml, "MIME-Version", "1.0");
        Header(eml, "Auto-Submitted", "auto-generated");
        foreach (var (name, value) in message.Headers ?? [])
        {
            Header(eml, name, value);
        }

        Header(eml, "Content-Type", $"multipart/alternative;{Crlf} boundary=\"{boundary}\"");
        eml.Append(Crlf);
        eml.Append("This is a multi-part message in MIME format.").Append(Crlf);
        Part(eml, boundary, "text/plain", message.Content.TextBody);
        Part(eml, boundary, "text/html", message.Content.HtmlBody);
        eml.Append("--").Append(boundary).Append("--").Append(Crlf);
        return Encoding.ASCII.GetBytes(eml.ToString());
    }

    /// <summary>ASCII text as is (folded at spaces), anything else as RFC 2047 <c>=?utf-8?B?...?=</c> words.</summary>
    public static string EncodeHeaderText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var oneLine = EmailRenderer.OneLine(text);
        if (oneLine.All(c => c is >= ' ' and <= '~') && !oneLine.Contains("=?", StringComparison.Ordinal))
        {
            return FoldAscii(oneLine);
        }

        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        for (var i = 0; i < oneLine.Length; i++)
        {
            var length = char.IsSurrogatePair(oneLine, i) ? 2 : 1;
            var piece = oneLine.AsSpan(i, length);
            var bytes = Encoding.UTF8.GetByteCount(piece);
            if (chunkBytes + bytes > EncodedWordMaxBytes)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(piece);
            chunkBytes += bytes;
            i += length - 1;
        }

        if (chunk.Length > 0)
        {
            words.Add(EncodedWord(chunk.ToString()));
        }

        return string.Join(Crlf + " ", words);
    }

    private static string EncodedWord(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static string FormatAddress(string? name, string address)
    {
        var display = EmailRenderer.OneLine(name);
        if (display.Length == 0)
        {
            return address;
        }

        var phrase = display.All(c => c is >= ' ' and <= '~')
            ? "\"" + display.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : EncodeHeaderText(display);
        return $"{phrase} <{address}>";
    }

    private static string FoldAscii(string text)
    {
        var lines = new StringBuilder();
        var lineLength = 10; // room for the longest field name we fold ("Subject: ")
        foreach (var word in text.Split(' '))
        {
            if (lines.Length > 0)
            {
                if (lineLength + 1 + word.Length > 76)
                {
                    lines.Append(Crlf);
                    lineLength = 0;
                }

                lines.Append(' ');
                lineLength++;
            }

            lines.Append(word);
            lineLength += word.Length;
        }

        return lines.ToString();
    }

    private static void Header(StringBuilder eml, string name, string value) => eml.Append(name).Append(": ").Append(value).Append(Crlf);

    private static void Part(StringBuilder eml, string boundary, string mediaType, string body)
    {
        eml.Append("--").Append(boundary).Append(Crlf);
        Header(eml, "Content-Type", mediaType + "; charset=utf-8");
        Header(eml, "Content-Transfer-Encoding", "base64");
        eml.Append(Crlf);
        var canonical = body.ReplaceLineEndings(Crlf);
        eml.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(canonical), Base64FormattingOptions.InsertLineBreaks)).Append(Crlf);
    }
}
