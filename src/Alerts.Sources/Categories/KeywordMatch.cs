namespace Alerts.Sources.Categories;

/// <summary>
/// Keyword search in folded text. Latin keywords must stand as whole words ("a share" must not match "a shareholder",
/// "ipo" must not match "tipoff"); Chinese has no word spacing, so Chinese keywords match anywhere.
/// </summary>
internal static class KeywordMatch
{
    public static bool Contains(string foldedText, string foldedKeyword)
    {
        var from = 0;
        while (from <= foldedText.Length - foldedKeyword.Length)
        {
            var at = foldedText.IndexOf(foldedKeyword, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            var end = at + foldedKeyword.Length;
            var startsClean = !IsLatinWordChar(foldedKeyword[0]) || at == 0 || !IsLatinWordChar(foldedText[at - 1]);
            var endsClean = !IsLatinWordChar(foldedKeyword[^1]) || end == foldedText.Length || !IsLatinWordChar(foldedText[end]);
            if (startsClean && endsClean)
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    private static bool IsLatinWordChar(char c) => char.IsAsciiLetterOrDigit(c);
}
