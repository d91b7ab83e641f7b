using System.Text;

namespace Alerts.Delivery.Email;

/// <summary>HTML escaping for text and attribute values. Only the five significant characters: CJK text stays as it is.</summary>
internal static class Html
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Escaped, with line breaks kept as &lt;br&gt;.</summary>
    public static string EscapeMultiline(string? text) =>
        Escape(text).ReplaceLineEndings("\n").Replace("\n", "<br>\n", StringComparison.Ordinal);
}
