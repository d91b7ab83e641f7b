using System.Text;

namespace Alerts.Sources.Parsing;

/// <summary>
/// GB18030 (a superset of GBK) for the Chinese quote vendors. Their bodies must be decoded from bytes with this encoding
/// before anything splits them: a GBK trail byte can be 0x7E ('~'), and a UTF-8 or Latin-1 decode turns it into a field
/// separator that shifts every field after the name.
/// </summary>
internal static class GbkText
{
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    });

    public static Encoding Encoding => Gb18030.Value;

    /// <summary>Makes GBK, GB18030 and Big5 available to <see cref="Encoding.GetEncoding(string)"/> for declared charsets.</summary>
    public static void EnsureCodePages() => _ = Gb18030.Value;

    public static string Decode(ReadOnlySpan<byte> bytes) => Encoding.GetString(bytes);
}
