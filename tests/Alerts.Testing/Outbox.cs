using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Testing;

/// <summary>Reads the standalone service's outbox the way a person reads their mail: headers and the plain-text part.</summary>
public static partial class Outbox
{
    public static IEnumerable<string> Files(string dataDirectory, string pattern) =>
        Directory.Exists(Path.Combine(dataDirectory, "outbox")) ? Directory.GetFiles(Path.Combine(dataDirectory, "outbox"), pattern) : [];

    public static string Header(string eml, string name) =>
        eml.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.OrdinalIgnoreCase))?[(name.Length + 2)..] ?? string.Empty;

    /// <summary>The decoded text/plain part.</summary>
    public static string Text(string eml)
    {
        var match = TextPart().Match(eml);
        return match.Success ? Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[1].Value.Replace("\r\n", string.Empty, StringComparison.Ordinal))) : string.Empty;
    }

    /// <summary>The newest account mail (confirmation, sign-in) sent to <paramref name="to"/>, as text.</summary>
    public static string? LatestAccountMail(string dataDirectory, string to) =>
        Files(dataDirectory, "account-*.eml").Select(f => new FileInfo(f)).OrderByDescending(f => f.LastWriteTimeUtc)
            .Select(f => File.ReadAllText(f.FullName)).FirstOrDefault(eml => Header(eml, "To") == to);

    public static Uri Link(string text, string path) =>
        new(Links().Matches(text).Select(m => m.Value).First(l => new Uri(l).AbsolutePath == path));

    [GeneratedRegex(@"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--")]
    private static partial Regex TextPart();

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex Links();
}
