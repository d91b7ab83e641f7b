using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Alerts.Api.Subscribers;

/// <summary>
/// Signed, encrypted unsubscribe tokens (ASP.NET Core Data Protection): a token names one tenant's channel and cannot be
/// altered to name another. Senders put <see cref="Create"/>'s token in the email's List-Unsubscribe link.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private const char Separator = '\n';
    private readonly IDataProtector _protector = provider.CreateProtector("Alerts.Unsubscribe.v1");

    public string Create(string tenantId, string channelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        return _protector.Protect(tenantId + Separator + channelId);
    }

    /// <summary>The channel a token names, or null when the token was not issued here or was changed.</summary>
    public (string TenantId, string ChannelId)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(token);
            var cut = text.IndexOf(Separator, StringComparison.Ordinal);
            return cut > 0 && cut < text.Length - 1 ? (text[..cut], text[(cut + 1)..]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
