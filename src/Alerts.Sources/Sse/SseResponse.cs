using System.Text.Json;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sse;

/// <summary>The JSONP envelope SSE query endpoints share: rows sit in <c>result</c> and/or <c>pageHelp.data</c>.</summary>
internal static class SseResponse
{
    public const string Language = "zh-Hans";

    /// <summary>
    /// Unwraps the JSONP and finds the row array: the first non-empty of <c>result</c> and <c>pageHelp.data</c> (SH_XM_LB fills
    /// only <c>result</c>, the legacy bulletin endpoint only <c>pageHelp.data</c>). Null with an error when neither exists.
    /// </summary>
    public static JsonDocument? TryOpen(string body, string what, out JsonElement rows, out string? error)
    {
        rows = default;
        var json = Jsonp.Unwrap(body);
        if (json is null)
        {
            error = $"{what} response holds no JSON (an error or bot-check page?)";
            return null;
        }

        var document = JsonRows.TryParseDocument(json, out var parseError);
        if (document is null)
        {
            error = $"{what} response is {parseError}";
            return null;
        }

        var root = document.RootElement;
        JsonElement? found = null;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Array)
            {
                found = result;
            }

            if ((found is null || found.Value.GetArrayLength() == 0)
                && root.TryGetProperty("pageHelp", out var pageHelp)
                && pageHelp.ValueKind == JsonValueKind.Object
                && pageHelp.TryGetProperty("data", out var data)
                && data.ValueKind == JsonValueKind.Array)
            {
                found = data;
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            found = root;
        }

        if (found is null)
        {
            document.Dispose();
            error = $"{what} response has neither a result nor a pageHelp.data array";
            return null;
        }

        rows = found.Value;
        error = null;
        return document;
    }

    /// <summary>The envelope's <c>pageHelp.pageCount</c>; throws when the body has none (paging then stops on its other conditions).</summary>
    public static int PageCount(string body)
    {
        using var document = JsonDocument.Parse(Jsonp.Unwrap(body) ?? "{}");
        return document.RootElement.GetProperty("pageHelp").GetProperty("pageCount").GetInt32();
    }
}
