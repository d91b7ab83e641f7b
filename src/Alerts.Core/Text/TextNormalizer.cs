using System.Globalization;
using System.Text;

namespace Alerts.Core.Text;

/// <summary>
/// Folds text for matching: NFKC turns full-width Latin and digits (ＳＴＡＲ, ２５１３) and compatibility forms into their
/// ordinary forms, then case is folded. Chinese characters pass through unchanged.
/// </summary>
public static class TextNormalizer
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        var lastWasSpace = false;
        foreach (var ch in normalized)
        {
            if (char.IsWhiteSpace(ch))
            {
                if (!lastWasSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
        }

        if (builder.Length > 0 && builder[^1] == ' ')
        {
            builder.Length--;
        }

        return builder.ToString();
    }
}
