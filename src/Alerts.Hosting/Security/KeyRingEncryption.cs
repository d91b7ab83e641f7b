using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Hosting.Security;

/// <summary>Wraps each Data Protection key with AES-256-GCM under the configured key-encryption key before it is stored.</summary>
internal sealed class KeyRingEncryptor(KeyEncryptionKeys keys) : IXmlEncryptor
{
    internal const string ElementName = "alertsWrappedKey";
    private static readonly byte[] Context = Encoding.UTF8.GetBytes("Alerts.KeyRing.v1");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(keys.Current, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Context);
        }

        var element = new XElement(ElementName,
            new XAttribute("kek", keys.CurrentFingerprint),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Opens what <see cref="KeyRingEncryptor"/> wrapped, under whichever configured key its fingerprint names.</summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private static readonly byte[] Context = Encoding.UTF8.GetBytes("Alerts.KeyRing.v1");

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keys = services.GetService<KeyEncryptionKeys>()
            ?? throw new CryptographicException($"The key ring is wrapped but {KeyEncryptionKeys.CurrentSetting} is not set.");
        var fingerprint = (string?)encryptedElement.Attribute("kek") ?? string.Empty;
        var key = keys.Find(fingerprint)
            ?? throw new CryptographicException(
                $"A key of the ring is wrapped under key-encryption key {fingerprint}, which is neither {KeyEncryptionKeys.CurrentSetting} nor in {KeyEncryptionKeys.PreviousSetting}.");
        var nonce = Convert.FromBase64String((string?)encryptedElement.Element("nonce") ?? string.Empty);
        var tag = Convert.FromBase64String((string?)encryptedElement.Element("tag") ?? string.Empty);
        var ciphertext = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? string.Empty);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, Context);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
