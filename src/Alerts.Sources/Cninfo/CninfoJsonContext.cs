using System.Text.Json.Serialization;

namespace Alerts.Sources.Cninfo;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CninfoAnnouncementRow))]
internal sealed partial class CninfoJsonContext : JsonSerializerContext;
