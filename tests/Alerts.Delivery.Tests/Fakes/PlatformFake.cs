using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;

namespace Alerts.Delivery.Tests.Fakes;

/// <summary>A scripted answer a test asks a fake to give instead of its normal reading of the request.</summary>
internal sealed record ScriptedAnswer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// What every platform fake shares: a loopback Kestrel server, the requests it received, the messages it accepted (parsed
/// JSON), answers a test scripts for particular paths, and the time each request arrived.
/// </summary>
internal abstract class PlatformFake : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ScriptedAnswer> _byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ScriptedAnswer> _next = new();
    private readonly ConcurrentQueue<JsonNode> _accepted = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private LoopbackServer? _server;

    public LoopbackServer Server => _server ?? throw new InvalidOperationException("not started");

    public IReadOnlyList<JsonNode> Accepted => [.. _accepted];

    /// <summary>Why the fake refused requests (its documented rules), for assertion messages.</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    public Uri Url(string path) => Server.Url(path);

    /// <summary>Every request to <paramref name="path"/> gets this answer.</summary>
    public void AnswerAt(string path, int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        _byPath[path] = new ScriptedAnswer(status, body, headers);

    /// <summary>The next request (whatever its path) gets this answer.</summary>
    public void AnswerNext(int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        _next.Enqueue(new ScriptedAnswer(status, body, headers));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected async Task StartServerAsync() => _server = await LoopbackServer.StartAsync(RespondAsync);

    /// <summary>The platform's reading of one request: the answer it gives.</summary>
    protected abstract ScriptedAnswer Judge(RecordedRequest request, JsonNode? body);

    protected void Accept(JsonNode body) => _accepted.Enqueue(body);

    protected ScriptedAnswer Refuse(int status, string body, string why, IReadOnlyDictionary<string, string>? headers = null)
    {
        _refusals.Enqueue(why);
        return new ScriptedAnswer(status, body, headers);
    }

    private async Task RespondAsync(RecordedRequest request, HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var answer = _byPath.TryGetValue(path, out var scripted) ? scripted
            : _next.TryDequeue(out var next) ? next
            : Judge(request, Parse(request.Body));
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Body.Length > 0)
        {
            await context.Response.WriteAsync(answer.Body);
        }
    }

    private static JsonNode? Parse(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>True when every surrogate in <paramref name="text"/> is half of a pair (a cut mid-character leaves a lone one).</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every string anywhere in a JSON tree.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
