using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Core.Rules;

namespace Alerts.Core.Serialization;

/// <summary>Source-generated serialization for everything the core stores or passes between stages.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    AllowTrailingCommas = true,
    AllowOutOfOrderMetadataProperties = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(MarketEvent))]
[JsonSerializable(typeof(Rule))]
[JsonSerializable(typeof(List<Rule>))]
[JsonSerializable(typeof(Company))]
[JsonSerializable(typeof(List<Company>))]
[JsonSerializable(typeof(Watchlist))]
[JsonSerializable(typeof(Channel))]
[JsonSerializable(typeof(Subscription))]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(Delivery))]
[JsonSerializable(typeof(DeliveryAttempt))]
[JsonSerializable(typeof(RuleState))]
[JsonSerializable(typeof(WorkItem))]
[JsonSerializable(typeof(HeldDelivery))]
[JsonSerializable(typeof(Handlers.EvaluateMessage))]
[JsonSerializable(typeof(Handlers.DeliverMessage))]
public sealed partial class AlertsJsonContext : JsonSerializerContext;
