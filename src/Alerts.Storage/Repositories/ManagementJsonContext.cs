using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Storage.Repositories;

/// <summary>Source-generated serialization for the rows the management API adds to the store.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Tenant))]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(CompanyAlias))]
[JsonSerializable(typeof(Subscriber))]
[JsonSerializable(typeof(SpentToken))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext;
