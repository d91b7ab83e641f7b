using System.Net.Http.Headers;

namespace Alerts.Sources.Feeds;

/// <summary>Builds feed GETs with the headers these sites expect from a browser.</summary>
internal static class FeedRequests
{
    /// <summary>HKEX's servlet blank-pages library agents; the others are simply happier with a browser.</summary>
    public const string BrowserUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

    public static HttpRequestMessage Get(Uri url, FeedSourceOptions options, string? referer, string accept = "*/*", bool ajax = false) =>
        Create(HttpMethod.Get, url, options, referer, accept, ajax);

    /// <summary>A POST as the site's own page sends it: with an Origin matching the Referer's site.</summary>
    public static HttpRequestMessage Post(Uri url, FeedSourceOptions options, string referer, HttpContent content, string accept, bool ajax = true)
    {
        var request = Create(HttpMethod.Post, url, options, referer, accept, ajax);
        request.Headers.TryAddWithoutValidation("Origin", new Uri(referer).GetLeftPart(UriPartial.Authority));
        request.Content = content;
        return request;
    }

    private static HttpRequestMessage Create(HttpMethod method, Uri url, FeedSourceOptions options, string? referer, string accept, bool ajax)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent ?? BrowserUserAgent);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("zh-CN"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en", 0.8));
        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer);
        }

        if (ajax)
        {
            request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
        }

        return request;
    }

    /// <summary>Appends a query to a configured base URL unless the configuration already spelled one out.</summary>
    public static Uri WithDefaultQuery(Uri baseUrl, string query) =>
        string.IsNullOrEmpty(baseUrl.Query) ? new Uri(baseUrl.GetLeftPart(UriPartial.Path) + "?" + query) : baseUrl;

    /// <summary>The URL with these query parameters set (replaced where present, appended where not), the rest kept as written.</summary>
    public static Uri WithQueryValues(Uri url, params (string Name, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(url);
        var parts = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).ToList();
        foreach (var (name, value) in values)
        {
            var pair = name + "=" + Uri.EscapeDataString(value);
            var at = parts.FindIndex(p => p.Split('=')[0] == name);
            if (at >= 0)
            {
                parts[at] = pair;
            }
            else
            {
                parts.Add(pair);
            }
        }

        return new UriBuilder(url) { Query = string.Join('&', parts) }.Uri;
    }
}
