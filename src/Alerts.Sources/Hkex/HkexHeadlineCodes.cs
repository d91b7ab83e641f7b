using Alerts.Sources.Categories;

namespace Alerts.Sources.Hkex;

/// <summary>Turns a row's t1Code/t2Code into classifier codes.</summary>
internal static class HkexHeadlineCodes
{
    /// <summary>
    /// Tier-2 codes are comma-joined ("11200,11300") and are the precise classification; the tier-1 code is only a fallback
    /// when there is no tier-2 code, so a PHIP (91000 → 91100) is not also read as a bare application. "NaN" means no code.
    /// </summary>
    public static IReadOnlyList<string> Of(string? t1Code, string? t2Code)
    {
        var tier2 = Split(t2Code);
        return tier2.Count > 0 ? tier2 : Split(t1Code);
    }

    /// <summary>
    /// The tier-2 headline names in an <c>lTxt</c> such as "Announcements and Notices - [Inside Information / Other - Business
    /// Update]": the part in brackets, split on " / " (never on " - ", which tier-2 names themselves contain).
    /// </summary>
    public static IReadOnlyList<string> Names(string? longText)
    {
        if (string.IsNullOrWhiteSpace(longText))
        {
            return [];
        }

        var open = longText.IndexOf('[', StringComparison.Ordinal);
        var close = longText.LastIndexOf(']');
        return open < 0 || close <= open
            ? []
            : longText[(open + 1)..close].Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(SourceCodes.HkexHeadline)
                .ToList();
    }

    private static List<string> Split(string? codes) =>
        string.IsNullOrWhiteSpace(codes)
            ? []
            : codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(code => code.All(char.IsAsciiDigit))
                .Select(SourceCodes.Hkex)
                .ToList();
}
