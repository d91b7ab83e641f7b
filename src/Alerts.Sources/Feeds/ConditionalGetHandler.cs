using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Alerts.Sources.Feeds;

/// <summary>
/// Conditional GETs for sources that answer them: the last <c>ETag</c>/<c>Last-Modified</c> of each URL is sent back as
/// <c>If-None-Match</c>/<c>If-Modified-Since</c>, and a 304 is handed to the source as the body it already has (re-reading it
/// costs a parse, and ingest drops what it has seen). Sources that send neither header are unaffected. One answer is kept per
/// path (URLs with a cache-busting query replace each other instead of piling up), and only for the exact URL; bodies over
/// 8 MB are not kept.
/// </summary>
internal sealed class ConditionalGetHandler : DelegatingHandler
{
    private const int MaxCachedBytes = 8 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Cached> _cache = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var url = request.RequestUri!.AbsoluteUri;
        var key = request.RequestUri.GetLeftPart(UriPartial.Path);
        if (_cache.TryGetValue(key, out var cached) && cached.Url != url)
        {
            cached = null;
        }

        if (cached is not null)
        {
            if (cached.ETag is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", cached.ETag);
            }

            if (cached.LastModified is { } lastModified)
            {
                request.Headers.IfModifiedSince = lastModified;
            }
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
        {
            response.Dispose();
            var replay = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(cached.Body) };
            replay.Content.Headers.ContentType = cached.ContentType;
            return replay;
        }

        var etag = response.Headers.ETag?.ToString();
        var modified = response.Content.Headers.LastModified;
        if (response.IsSuccessStatusCode && (etag is not null || modified is not null))
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (body.Length <= MaxCachedBytes)
            {
                _cache[key] = new Cached(url, etag, modified, body, response.Content.Headers.ContentType);
            }

            var copy = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = copy;
        }

        return response;
    }

    private sealed record Cached(string Url, string? ETag, DateTimeOffset? LastModified, byte[] Body, MediaTypeHeaderValue? ContentType);
}
