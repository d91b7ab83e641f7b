using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Alerts.Delivery.Webhooks;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(WebhookEnvelope))]
public sealed partial class WebhookJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The options the payload is written with: as generated, except that CJK and other non-ASCII text is written as
    /// UTF-8 instead of \u escapes (half the size for Chinese titles). HTML-sensitive characters stay escaped.
    /// </summary>
    public static WebhookJsonContext Payload { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });
}
