using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>How a Service Bus body reaches the handler.</summary>
public enum BodyEncoding
{
    /// <summary>Default for a string body (no dataType): a JSON string whose content is a JSON string literal of the body, as captured from a real host.</summary>
    Twice,

    /// <summary>A JSON string holding the body text.</summary>
    Once,

    /// <summary><c>dataType: binary</c>: base64 of the UTF-8 body.</summary>
    Binary,

    /// <summary>The body as a plain JSON object or array.</summary>
    Raw,
}

/// <summary>
/// Invocation requests shaped exactly as the reference documents them (azure-functions-custom-handler.md §1.4–1.5): a timer
/// with ScheduleStatus null or filled; a Service Bus v5 message with its metadata (scalars JSON-encoded as strings, dates as
/// plain ISO strings, SDK objects to ignore, body properties copied into metadata); an HTTP request envelope.
/// </summary>
public static class HostPayloads
{
    public static JsonObject Timer(string function, bool scheduleStatus, bool pastDue = false) => new()
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = scheduleStatus
                    ? new JsonObject { ["Last"] = "2016-10-04T10:15:00+00:00", ["LastUpdated"] = "2016-10-04T10:16:00+00:00", ["Next"] = "2016-10-04T10:20:00+00:00" }
                    : null,
                ["IsPastDue"] = pastDue,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = Sys(function) },
    };

    /// <summary>A Service Bus trigger invocation; <paramref name="deliveryCount"/> as the host sends it: a string ("1") by default.</summary>
    public static JsonObject ServiceBus(string function, string body, BodyEncoding encoding = BodyEncoding.Twice, JsonNode? deliveryCount = null, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        messageId ??= Guid.NewGuid().ToString("N");
        JsonNode? data = encoding switch
        {
            BodyEncoding.Twice => JsonValue.Create(JsonSerializer.Serialize(body)),
            BodyEncoding.Once => JsonValue.Create(body),
            BodyEncoding.Binary => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(body))),
            BodyEncoding.Raw => JsonNode.Parse(body),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        var metadata = new JsonObject
        {
            ["MessageReceiver"] = new JsonObject { ["RegisteredPlugins"] = new JsonArray(), ["ReceiveMode"] = 0, ["PrefetchCount"] = 0 },
            ["MessageActions"] = new JsonObject(),
            ["Client"] = new JsonObject { ["FullyQualifiedNamespace"] = "sb-test.servicebus.windows.net", ["IsClosed"] = false },
            ["DeliveryCount"] = deliveryCount ?? "1",
            ["LockToken"] = Quoted(Guid.NewGuid().ToString()),
            ["MessageId"] = Quoted(messageId),
            ["SequenceNumber"] = "17",
            ["ContentType"] = Quoted("application/json"),
            ["CorrelationId"] = Quoted("abc"),
            ["Subject"] = Quoted("alerts"),
            ["Label"] = Quoted("alerts"),
            ["EnqueuedTime"] = "2025-01-02T03:04:05+00:00",
            ["EnqueuedTimeUtc"] = "2025-01-02T03:04:05",
            ["ExpiresAt"] = "9999-12-31T23:59:59+00:00",
            ["ExpiresAtUtc"] = "9999-12-31T23:59:59",
            ["ApplicationProperties"] = new JsonObject { ["tenant"] = "contoso", ["retry"] = 2 },
            ["UserProperties"] = new JsonObject { ["tenant"] = "contoso", ["retry"] = 2 },
            ["sys"] = Sys(function),
        };

        // The host adds the top-level properties of a JSON body to the binding data, JSON-encoded.
        if (TryParse(body) is JsonObject properties)
        {
            foreach (var (key, value) in properties)
            {
                if (!metadata.ContainsKey(key))
                {
                    metadata[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Quoted(v.GetValue<string>()) : value?.ToJsonString();
                }
            }
        }

        return new JsonObject { ["Data"] = new JsonObject { ["message"] = data }, ["Metadata"] = metadata };
    }

    /// <summary>An httpTrigger invocation in default mode: <c>Data.req</c> with the body as a string.</summary>
    public static JsonObject Http(string function, string method, string route, string? body, string contentType = "application/json") => new()
    {
        ["Data"] = new JsonObject
        {
            ["req"] = new JsonObject
            {
                ["Url"] = "http://localhost:7071/api/" + route,
                ["Method"] = method,
                ["Query"] = new JsonObject(),
                ["Headers"] = new JsonObject
                {
                    ["Content-Type"] = new JsonArray(contentType),
                    ["Host"] = new JsonArray("localhost:7071"),
                    ["x-functions-key"] = new JsonArray("test-key"),
                },
                ["Params"] = new JsonObject(),
                ["Identities"] = new JsonArray(),
                ["Body"] = body ?? string.Empty,
            },
        },
        ["Metadata"] = new JsonObject
        {
            ["Query"] = new JsonObject(),
            ["Headers"] = new JsonObject { ["Content-Type"] = contentType },
            ["sys"] = Sys(function),
        },
    };

    private static JsonObject Sys(string function) => new()
    {
        ["MethodName"] = function,
        ["UtcNow"] = "2023-09-07T11:40:45.004275Z",
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    private static string Quoted(string value) => JsonSerializer.Serialize(value);

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
}
