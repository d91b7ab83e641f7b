namespace Alerts.Delivery.Email;

/// <summary>
/// A deliberately strict check of a bare address (<c>local@domain.tld</c>, ASCII dot-atom, no display name): what we
/// put in a To header must not be able to carry a second header, a second recipient or a comment.
/// </summary>
public static class EmailAddress
{
    public const string FormatDescription = "must be an email address like name@example.com";
    private const string AText = "!#$%&'*+-/=?^_`{|}~";

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > 254)
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == address.Length - 1)
        {
            return false;
        }

        return IsDotAtom(address.AsSpan(0, at)) && IsDomain(address.AsSpan(at + 1));
    }

    /// <summary>The domain part, for Message-ID and for logs that must not carry the whole address.</summary>
    public static string Domain(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address[(address.LastIndexOf('@') + 1)..];
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || AText.Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.Length > 253)
        {
            return false;
        }

        var labels = 0;
        var lastLabelAllDigits = true;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            lastLabelAllDigits = true;
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }

                lastLabelAllDigits &= char.IsAsciiDigit(c);
            }

            labels++;
        }

        return labels >= 2 && !lastLabelAllDigits;
    }
}
