using System.Globalization;
using System.Text;

namespace Alerts.Delivery.Text;

/// <summary>
/// Escapes text for a target format and fits it within a platform's character limit: cut between whole characters
/// (text elements, so never inside a surrogate pair, an emoji sequence or an escape like <c>&amp;amp;</c>), ending in "…".
/// Limits count UTF-16 code units, as Slack, Discord and Teams count them.
/// </summary>
public static class TextFit
{
    public const string Ellipsis = "…";

    public static string Fit(string? text, int maxLength, Func<string, string>? escape = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        text ??= string.Empty;
        escape ??= static s => s;
        var whole = escape(text);
        if (whole.Length <= maxLength)
        {
            return whole;
        }

        var budget = maxLength - Ellipsis.Length;
        var result = new StringBuilder(maxLength);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var piece = escape(elements.GetTextElement());
            if (result.Length + piece.Length > budget)
            {
                break;
            }

            result.Append(piece);
        }

        return result.Append(Ellipsis).ToString();
    }

    /// <summary>Slack mrkdwn: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are control characters and must be escaped in source text.</summary>
    public static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Discord markdown: a backslash before each formatting character keeps source text literal.</summary>
    public static string MarkdownEscape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '>' or '#' or '[' or ']')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
