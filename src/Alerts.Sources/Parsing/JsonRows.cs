using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Alerts.Core.Model;

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

    /// <summary>
    /// Reads each element of <paramref name="rows"/> as a row and maps it to an announcement; a row that cannot be read or
    /// mapped becomes a problem at <c>field[i]</c>.
    /// </summary>
    public static ParseResult<Announcement> ReadArray<TRow>(JsonElement rows, string field, JsonTypeInfo<TRow> typeInfo, RowMapper<TRow> map)
    {
        var collected = new ParseCollector<Announcement>();
        var index = 0;
        foreach (var element in rows.EnumerateArray())
        {
            var where = $"{field}[{index++}]";
            if (TryRead(element, typeInfo, out var row, out var error))
            {
                var problem = map(row!, out var announcement);
                collected.Add(where, announcement, problem);
            }
            else
            {
                collected.Problem(where, error!);
            }
        }

        return collected.ToResult();
    }

    /// <summary>
    /// Reads a JSON object whose rows sit in the array <paramref name="field"/>, as <see cref="ReadArray"/> does. With a
    /// <paramref name="countField"/>, a null <paramref name="field"/> while that count is 0 is an empty page. A document that
    /// cannot be read is malformed, with a message starting with <paramref name="what"/>.
    /// </summary>
    public static ParseResult<Announcement> ReadField<TRow>(
        string json, string what, string field, string? countField, JsonTypeInfo<TRow> typeInfo, RowMapper<TRow> map)
    {
        using var document = TryParseDocument(json, out var error);
        if (document is null)
        {
            return ParseResult<Announcement>.Malformed($"{what} is {error}");
        }

        var root = document.RootElement;
        var rows = default(JsonElement);
        var found = root.ValueKind == JsonValueKind.Object && root.TryGetProperty(field, out rows);
        if (found && rows.ValueKind == JsonValueKind.Array)
        {
            return ReadArray(rows, field, typeInfo, map);
        }

        if (countField is null || !found)
        {
            return ParseResult<Announcement>.Malformed($"{what} has no {field} {(countField is null ? "array" : "field")}");
        }

        var count = root.TryGetProperty(countField, out var total) && total.TryGetInt64(out var value) ? value : 0;
        return rows.ValueKind == JsonValueKind.Null && count == 0
            ? new ParseResult<Announcement>([], [])
            : ParseResult<Announcement>.Malformed($"{what} {field} is {rows.ValueKind} while {countField} is {count}");
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
