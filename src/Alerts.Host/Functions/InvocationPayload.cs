using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Host.Functions;

/// <summary>
/// Defensive decoding of what the Functions host sends a custom handler. String trigger values and scalar metadata arrive
/// JSON-encoded once more than you would expect (<c>"DeliveryCount":"1"</c>, <c>"MessageId":"\"abc\""</c>, a Service Bus body
/// <c>"\"{\\\"a\\\":1}\""</c>); a <c>dataType: binary</c> body arrives as base64; objects may also arrive as plain JSON objects.
/// Every reader here accepts all of these forms.
/// </summary>
public static class InvocationPayload
{
    private const int MaxLayers = 4;

    /// <summary>A scalar as text: JSON string layers peeled off, numbers and booleans in invariant form; null when absent.</summary>
    public static string? Scalar(JsonNode? node)
    {
        for (var layer = 0; layer <= MaxLayers && node is not null; layer++)
        {
            if (node is not JsonValue value)
            {
                return node.ToJsonString();
            }

            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    var text = value.GetValue<string>();
                    var trimmed = text.Trim();
                    if (trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' && TryParse(trimmed) is JsonValue inner)
                    {
                        node = inner;
                        continue;
                    }

                    return text;
                case JsonValueKind.Number:
                    return value.ToJsonString();
                case JsonValueKind.True:
                    return "true";
                case JsonValueKind.False:
                    return "false";
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>An integer scalar (<c>"1"</c>, <c>1</c> or <c>"\"1\""</c>); null when absent or not a number.</summary>
    public static int? Integer(JsonNode? node) =>
        int.TryParse(Scalar(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>
    /// A message body as a JSON object or array, whichever way it was wrapped: a raw object or array, a JSON string holding
    /// the JSON text (once or twice encoded), or base64 of the UTF-8 bytes (<c>dataType: binary</c>). Null with a reason when
    /// no layer yields an object or array.
    /// </summary>
    public static JsonNode? Body(JsonNode? node, out string? problem)
    {
        problem = null;
        for (var layer = 0; layer <= MaxLayers; layer++)
        {
            switch (node)
            {
                case null:
                    problem = "the message has no body";
                    return null;
                case JsonObject or JsonArray:
                    return node;
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    var text = value.GetValue<string>();
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        problem = "the message body is empty";
                        return null;
                    }

                    node = TryParse(text) ?? FromBase64(text);
                    if (node is null)
                    {
                        problem = $"the message body is neither JSON nor base64 of JSON ({Describe(text)})";
                        return null;
                    }

                    continue;
                default:
                    problem = $"the message body is a JSON {((JsonValue)node).GetValueKind()}, not an object or array";
                    return null;
            }
        }

        problem = "the message body is wrapped in too many layers of JSON strings";
        return null;
    }

    /// <summary>An object that may arrive as an object or as a JSON string holding one (timer info, application properties).</summary>
    public static JsonObject? Object(JsonNode? node)
    {
        for (var layer = 0; layer <= MaxLayers; layer++)
        {
            if (node is JsonObject result)
            {
                return result;
            }

            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                node = TryParse(value.GetValue<string>());
                continue;
            }

            return null;
        }

        return null;
    }

    /// <summary>A short, safe description of an undecodable body for logs: its length and first characters.</summary>
    public static string Describe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = new string([.. text.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
        return $"{text.Length} characters starting '{head}'";
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? FromBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written == 0)
        {
            return null;
        }

        var bytes = buffer.AsSpan(0, written);
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
