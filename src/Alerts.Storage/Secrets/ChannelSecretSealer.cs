using System.Security.Cryptography;
using Alerts.Core.Model;

namespace Alerts.Storage.Secrets;

/// <summary>
/// Seals a channel's credentials (target, secret, header values) for storage and opens them on reading. Sealed values carry
/// a marker; a value without it is a row written before encryption was turned on and is read as it is, then sealed the next
/// time the channel is written (migrate on write). Without a protector (tests of the store alone) values pass through.
/// </summary>
internal sealed class ChannelSecretSealer(IChannelSecretProtector? protector)
{
    internal const string Marker = "enc:v1:";

    public Channel Seal(Channel channel)
    {
        if (protector is null)
        {
            return channel;
        }

        return channel with
        {
            Target = SealValue(TargetKind(channel.Kind), channel.TenantId, channel.Target)!,
            Secret = SealValue(SecretKind(channel.Kind), channel.TenantId, channel.Secret),
            Headers = channel.Headers?.ToDictionary(h => h.Key, h => SealValue(ChannelSecretKind.HeaderValue, channel.TenantId, h.Value)!, StringComparer.OrdinalIgnoreCase),
        };
    }

    public Channel Open(Channel channel)
    {
        try
        {
            return channel with
            {
                Target = OpenValue(TargetKind(channel.Kind), channel.TenantId, channel.Target)!,
                Secret = OpenValue(SecretKind(channel.Kind), channel.TenantId, channel.Secret),
                Headers = channel.Headers?.ToDictionary(h => h.Key, h => OpenValue(ChannelSecretKind.HeaderValue, channel.TenantId, h.Value)!, StringComparer.OrdinalIgnoreCase),
            };
        }
        catch (CryptographicException exception)
        {
            // Names the row, never the value: the key ring lost the key, or the row was copied from elsewhere.
            throw new InvalidDataException($"The secrets of channel {channel.TenantId}/{channel.Id} cannot be decrypted with this key ring.", exception);
        }
    }

    public static bool IsSealed(string? value) => value is not null && value.StartsWith(Marker, StringComparison.Ordinal);

    private string? SealValue(ChannelSecretKind kind, string tenantId, string? value) =>
        value is null || IsSealed(value) ? value : Marker + protector!.Protect(kind, tenantId, value);

    private string? OpenValue(ChannelSecretKind kind, string tenantId, string? value)
    {
        if (!IsSealed(value))
        {
            return value;
        }

        if (protector is null)
        {
            throw new CryptographicException("the store was opened without a key ring");
        }

        return protector.Unprotect(kind, tenantId, value![Marker.Length..]);
    }

    private static ChannelSecretKind TargetKind(ChannelKind kind) => kind switch
    {
        ChannelKind.Email => ChannelSecretKind.EmailAddress,
        ChannelKind.ServiceBus => ChannelSecretKind.ServiceBusEntity,
        _ => ChannelSecretKind.WebhookUrl,
    };

    private static ChannelSecretKind SecretKind(ChannelKind kind) =>
        kind == ChannelKind.ServiceBus ? ChannelSecretKind.ServiceBusConnectionString : ChannelSecretKind.SigningSecret;
}
