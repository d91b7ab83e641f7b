using System.Globalization;

namespace Alerts.Core.Companies;

/// <summary>
/// SEC Central Index Keys as users and SEC write them ("320193", "CIK0000320193", "CIK 320193") and as SEC's file names and
/// the EDGAR feeds spell them: ten digits, zero-padded.
/// </summary>
public static class SecCik
{
    /// <summary>The exchange an EDGAR filing's issuer names (<c>IssuerRef("SEC", cik, name)</c>).</summary>
    public const string Exchange = "SEC";

    /// <summary>Ten digits, zero-padded; null when the entry is not a CIK. Bare digits are read as a CIK only when <paramref name="bareDigits"/>.</summary>
    public static string? Normalize(string? entry, bool bareDigits = true)
    {
        var digits = entry?.Trim() ?? string.Empty;
        var prefixed = digits.StartsWith("CIK", StringComparison.OrdinalIgnoreCase);
        if (prefixed)
        {
            digits = digits[3..].TrimStart(' ', ':', '-');
        }
        else if (!bareDigits)
        {
            return null;
        }

        return digits.Length is > 0 and <= 10 && digits.All(char.IsAsciiDigit)
            ? long.Parse(digits, CultureInfo.InvariantCulture).ToString("D10", CultureInfo.InvariantCulture)
            : null;
    }
}
