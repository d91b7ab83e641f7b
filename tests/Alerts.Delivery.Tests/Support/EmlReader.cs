using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Delivery.Tests.Support;

/// <summary>A part of a parsed message: its headers and its decoded text.</summary>
internal sealed record EmlPart(IReadOnlyDictionary<string, string> Headers, string Text);

/// <summary>
/// Just enough of a MIME reader to check what the outbox wrote: unfolds headers, decodes RFC 2047 words, splits
/// multipart bodies and decodes base64 parts. Strict where it matters: raw bytes must be ASCII with CRLF line ends.
/// </summary>
internal sealed partial class EmlReader
{
    private EmlReader(string raw, IReadOnlyDictionary<string, string> headers, IReadOnlyList<EmlPart> parts)
    {
        Raw = raw;
        Headers = headers;
        Parts = parts;
    }

    public string Raw { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public IReadOnlyList<EmlPart> Parts { get; }

    public string Subject => DecodeWords(Headers["Subject"]);

    public EmlPart Part(string mediaType) => Parts.Single(p => p.Headers["Content-Type"].StartsWith(mediaType, StringComparison.Ordinal));

    public static EmlReader Parse(byte[] bytes)
    {
        Assert.All(bytes, b => Assert.True(b < 0x80, "an .eml must be 7-bit ASCII"));
        var raw = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotMatch(BareLineFeed(), raw);
        var (headers, body) = Split(raw);
        var boundary = BoundaryOf().Match(headers["Content-Type"]).Groups[1].Value;
        Assert.NotEmpty(boundary);
        var chunks = body.Split("--" + boundary);
        Assert.Equal("--\r\n", chunks[^1]);
        var parts = chunks[1..^1].Select(chunk =>
        {
            var (partHeaders, rawBody) = Split(chunk[2..]); // skip the CRLF after the delimiter
            var partBody = rawBody.TrimEnd('\r', '\n');
            Assert.Equal("base64", partHeaders["Content-Transfer-Encoding"]);
            Assert.All(partBody.Split("\r\n"), line => Assert.True(line.Length <= 76));
            return new EmlPart(partHeaders, Encoding.UTF8.GetString(Convert.FromBase64String(partBody.Replace("\r\n", string.Empty, StringComparison.Ordinal))));
        }).ToList();
        return new EmlReader(raw, headers, parts);
    }

    public static string DecodeWords(string value) =>
        EncodedWord().Replace(UnfoldedWordGap().Replace(value, "$1$2"), m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));

    private static (Dictionary<string, string> Headers, string Body) Split(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var unfolded = text[..end].Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in unfolded.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(headers.TryAdd(line[..colon], line[(colon + 1)..].Trim()), "duplicate header " + line[..colon]);
        }

        return (headers, text[(end + 4)..]);
    }

    [GeneratedRegex("(?<!\r)\n")]
    private static partial Regex BareLineFeed();

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryOf();

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    // RFC 2047: white space between two adjacent encoded words is not displayed.
    [GeneratedRegex(@"(\?=)\s+(=\?)")]
    private static partial Regex UnfoldedWordGap();
}
