using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Alerts.Api.Subscribers;

/// <summary>
/// The short-lived signed tokens of the subscriber flows (address confirmation, sign-in links, email channel opt-in, page
/// sessions): ASP.NET Core Data Protection, one purpose per kind so a token of one kind is never accepted as another, and
/// an expiry read against the injected clock.
/// </summary>
public sealed class SignedTokens(IDataProtectionProvider provider, TimeProvider time)
{
    public const string Confirm = "Alerts.Subscribers.Confirm.v1";
    public const string SignIn = "Alerts.Subscribers.SignIn.v1";
    public const string ConfirmChannel = "Alerts.Channels.Confirm.v1";
    public const string Session = "Alerts.Page.Session.v1";
    private const char Separator = '\n';

    public string Create(string purpose, TimeSpan lifetime, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Any(f => string.IsNullOrEmpty(f) || f.Contains(Separator, StringComparison.Ordinal)))
        {
            throw new ArgumentException("token fields must be non-empty and on one line", nameof(fields));
        }

        var expires = (time.GetUtcNow() + lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return provider.CreateProtector(purpose).Protect(string.Join(Separator, [expires, .. fields]));
    }

    /// <summary>The fields of a token of this purpose, or null when it was altered, cut short, of another kind or expired.</summary>
    public IReadOnlyList<string>? Read(string purpose, string? token, int fieldCount) => ReadWithExpiry(purpose, token, fieldCount)?.Fields;

    /// <summary>As <see cref="Read"/>, with the time the token stops working (what a single-use token's spent mark must outlive).</summary>
    public (IReadOnlyList<string> Fields, DateTimeOffset Expires)? ReadWithExpiry(string purpose, string? token, int fieldCount)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        string text;
        try
        {
            text = provider.CreateProtector(purpose).Unprotect(token);
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = text.Split(Separator);
        return parts.Length == fieldCount + 1
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && time.GetUtcNow().ToUnixTimeSeconds() < expires
                ? (parts[1..], DateTimeOffset.FromUnixTimeSeconds(expires))
                : null;
    }
}
