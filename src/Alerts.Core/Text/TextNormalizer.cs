using System.Globalization;
using System.Text;

namespace Alerts.Core.Text;

/// <summary>
/// Folds text for matching: NFKC turns full-width Latin and digits (ＳＴＡＲ, ２５１３) and compatibility forms into their
/// ordinary forms, case is folded, and Traditional Chinese characters become Simplified (聆訊 → 聆讯, 智譜 → 智谱), so a
/// keyword or name typed in either script matches text in either.
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
            builder.Append(SimplifiedFolding.Fold(char.ToLower(ch, CultureInfo.InvariantCulture)));
        }

        if (builder.Length > 0 && builder[^1] == ' ')
        {
            builder.Length--;
        }

        return builder.ToString();
    }
}
