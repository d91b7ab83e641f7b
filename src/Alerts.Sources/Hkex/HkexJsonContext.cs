using System.Text.Json.Serialization;

namespace Alerts.Sources.Hkex;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(HkexLciRow))]
[JsonSerializable(typeof(HkexTitleSearchRow))]
[JsonSerializable(typeof(HkexAppRow))]
internal sealed partial class HkexJsonContext : JsonSerializerContext;
