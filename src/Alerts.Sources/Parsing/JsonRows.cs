using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Alerts.Sources.Parsing;

/// <summary>Reads a JSON array row by row, so one row of the wrong shape costs that row and not the whole batch.</summary>
internal static class JsonRows
{
    public static bool TryRead<T>(JsonElement row, JsonTypeInfo<T> typeInfo, out T? value, out string? error)
    {
        try
        {
            value = row.Deserialize(typeInfo);
            error = value is null ? "row is null" : null;
        }
        catch (JsonException ex)
        {
            value = default;
            error = "row has an unexpected shape: " + ex.Message;
        }

        return error is null;
    }

    /// <summary>Parses a whole document, turning a syntax error into a one-line message instead of an exception.</summary>
    public static JsonDocument? TryParseDocument(string json, out string? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            error = "not valid JSON: " + ex.Message;
            return null;
        }
    }
}
