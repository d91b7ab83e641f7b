namespace Alerts.Storage.Secrets;

/// <summary>What a stored channel value is, so each kind is encrypted under its own purpose.</summary>
public enum ChannelSecretKind
{
    /// <summary>A Slack, Teams, Discord or generic webhook URL: the URL itself is the bearer token.</summary>
    WebhookUrl,
    EmailAddress,
    ServiceBusEntity,
    SigningSecret,
    ServiceBusConnectionString,
    HeaderValue,
}

/// <summary>
/// Encrypts channel secrets before they reach the store and decrypts them on the way out. The implementation (ASP.NET Core
/// Data Protection, in Alerts.Hosting) binds each value to its kind and its tenant: a ciphertext copied into another tenant's
/// row, or into another field, does not decrypt.
/// </summary>
public interface IChannelSecretProtector
{
    string Protect(ChannelSecretKind kind, string tenantId, string plaintext);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the key ring cannot open the value.</summary>
    string Unprotect(ChannelSecretKind kind, string tenantId, string protectedValue);
}
