using System.Net;
using System.Text.RegularExpressions;

namespace Alerts.Sources.Parsing;

/// <summary>Turns the HTML fragments some feeds put in titles and names into plain text.</summary>
internal static partial class HtmlText
{
    /// <summary>
    /// Decodes entities until stable (HKEX titles are sometimes escaped twice: <c>&amp;#x2f;</c>), drops tags, and collapses
    /// whitespace. Line breaks become spaces.
    /// </summary>
    public static string ToPlain(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        var text = html;
        for (var i = 0; i < 3; i++)
        {
            var decoded = WebUtility.HtmlDecode(text);
            if (decoded == text)
            {
                break;
            }

            text = decoded;
        }

        // Line breaks separate words; inline tags (<em> highlights, <b>) sit inside words and vanish.
        text = Tag().Replace(Break().Replace(text, " "), string.Empty);
        return Whitespace().Replace(text, " ").Trim();
    }

    /// <summary>Splits a cell that joins several values with <c>&lt;br/&gt;</c> (HKEX servlet STOCK_CODE / STOCK_NAME).</summary>
    public static IReadOnlyList<string> SplitOnBreaks(string? html) =>
        string.IsNullOrEmpty(html)
            ? []
            : Break().Split(html).Select(ToPlain).ToList();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Break();
}
