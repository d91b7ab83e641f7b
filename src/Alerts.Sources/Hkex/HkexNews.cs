using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Hkex;

/// <summary>What the HKEXnews feeds share: the source name, document host, issuer shape and time format.</summary>
internal static class HkexNews
{
    public const string Source = "hkex";
    public const string English = "en";
    public const string TraditionalChinese = "zh-Hant";
    public const string TimeFormat = "dd/MM/yyyy HH:mm";

    public static readonly Uri DocumentHost = new("https://www1.hkexnews.hk");

    /// <summary>Relative web paths live on www1.hkexnews.hk; absolute ones (homecat0 widget) are kept.</summary>
    public static Uri? DocumentUrl(string? webPath) => Urls.Join(DocumentHost, webPath);

    public static IssuerRef Issuer(string code, string? name) =>
        new(SymbolFormat.Hkex, code.Trim(), string.IsNullOrWhiteSpace(name) ? null : HtmlText.ToPlain(name));

    /// <summary>"10/04/2026 22:55" is 10 April, Hong Kong time.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset value) => ChinaTime.TryParse(text, TimeFormat, out value);
}
