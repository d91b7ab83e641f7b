using System.Text.Json.Serialization;

namespace Alerts.Sources.Szse;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SzseAnnouncementRow))]
[JsonSerializable(typeof(SzseAnnouncementQuery))]
internal sealed partial class SzseJsonContext : JsonSerializerContext;
