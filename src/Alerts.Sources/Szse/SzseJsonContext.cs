using System.Text.Json.Serialization;

namespace Alerts.Sources.Szse;

[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(SzseAnnouncementRow))]
[JsonSerializable(typeof(SzseAnnouncementQuery))]
[JsonSerializable(typeof(SzseIpoProjectRow))]
internal sealed partial class SzseJsonContext : JsonSerializerContext;
