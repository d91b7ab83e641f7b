using System.Security.Cryptography;
using Alerts.Core;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting.Security;

/// <summary>
/// The keys that wrap the Data Protection key ring at rest: <c>Alerts:DataProtection:KeyEncryptionKey</c> (base64 of 32 random
/// bytes; on Azure a Key Vault reference) and, after a change of that key, the former ones in
/// <c>Alerts:DataProtection:PreviousKeyEncryptionKeys</c> (space- or comma-separated) so keys wrapped under them still open.
/// Each key is known by a fingerprint stored beside what it wrapped; the key itself never is.
/// </summary>
public sealed class KeyEncryptionKeys
{
    public const string Section = "Alerts:DataProtection";
    public const string CurrentSetting = Section + ":KeyEncryptionKey";
    public const string PreviousSetting = Section + ":PreviousKeyEncryptionKeys";

    private readonly Dictionary<string, byte[]> _byFingerprint;

    private KeyEncryptionKeys(byte[] current, IEnumerable<byte[]> previous)
    {
        Current = current;
        CurrentFingerprint = Fingerprint(current);
        _byFingerprint = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var key in previous.Prepend(current))
        {
            _byFingerprint.TryAdd(Fingerprint(key), key);
        }
    }

    internal byte[] Current { get; }

    internal string CurrentFingerprint { get; }

    /// <summary>The configured keys, or null when no key-encryption key is set (the ring is then stored as Data Protection writes it).</summary>
    public static KeyEncryptionKeys? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[CurrentSetting] is not { Length: > 0 } current)
        {
            return null;
        }

        var previous = (configuration[PreviousSetting] ?? string.Empty)
            .Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new KeyEncryptionKeys(Decode(current, CurrentSetting), previous.Select(p => Decode(p, PreviousSetting)));
    }

    internal byte[]? Find(string fingerprint) => _byFingerprint.GetValueOrDefault(fingerprint);

    internal static string Fingerprint(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));

    private static byte[] Decode(string value, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new InvalidSettingsException($"{setting} is not base64 (generate one with: openssl rand -base64 32).");
        }

        return key.Length == 32
            ? key
            : throw new InvalidSettingsException($"{setting} must be 32 bytes in base64 (generate one with: openssl rand -base64 32).");
    }
}
