using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Model;

namespace Alerts.Sources.Samples;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(List<Company>))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
