using System.Text.Json.Serialization;

namespace Alerts.Sources.Sse;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SseBulletinRow))]
[JsonSerializable(typeof(SseIpoReviewRow))]
internal sealed partial class SseJsonContext : JsonSerializerContext;
