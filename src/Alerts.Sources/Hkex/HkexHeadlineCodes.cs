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

    private static List<string> Split(string? codes) =>
        string.IsNullOrWhiteSpace(codes)
            ? []
            : codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(code => code.All(char.IsAsciiDigit))
                .Select(SourceCodes.Hkex)
                .ToList();
}
