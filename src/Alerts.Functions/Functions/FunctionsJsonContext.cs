using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Functions.Functions;

public sealed record PushResult(int Accepted, int Duplicates);

public sealed record HealthReport(string Status, string Store, long PendingEvaluations, long PendingDeliveries, bool DeliveryEnabled);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PushResult))]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
