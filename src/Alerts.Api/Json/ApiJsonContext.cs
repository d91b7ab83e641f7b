using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Api.Json;

/// <summary>
/// Source-generated serialization for the API. Unknown members, missing required members and nulls where a value is
/// required are all refused, so a typo in a field name is an error instead of a silent default.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(AliasRequest))]
[JsonSerializable(typeof(WatchlistRequest))]
[JsonSerializable(typeof(WatchlistCompanyRequest))]
[JsonSerializable(typeof(ChannelRequest))]
[JsonSerializable(typeof(SubscriptionRequest))]
[JsonSerializable(typeof(RedeliverRequest))]
[JsonSerializable(typeof(DryRunRequest))]
[JsonSerializable(typeof(Rule))]
[JsonSerializable(typeof(TenantCreated))]
[JsonSerializable(typeof(ItemList<TenantView>))]
[JsonSerializable(typeof(ApiKeyCreated))]
[JsonSerializable(typeof(ItemList<ApiKeyView>))]
[JsonSerializable(typeof(ItemList<CompanyView>))]
[JsonSerializable(typeof(CompanyView))]
[JsonSerializable(typeof(AliasView))]
[JsonSerializable(typeof(ItemList<AliasView>))]
[JsonSerializable(typeof(Watchlist))]
[JsonSerializable(typeof(ItemList<Watchlist>))]
[JsonSerializable(typeof(ItemList<Rule>))]
[JsonSerializable(typeof(ChannelView))]
[JsonSerializable(typeof(ItemList<ChannelView>))]
[JsonSerializable(typeof(Subscription))]
[JsonSerializable(typeof(ItemList<Subscription>))]
[JsonSerializable(typeof(PageView<Alert>))]
[JsonSerializable(typeof(AlertDetail))]
[JsonSerializable(typeof(PageView<DeliveryView>))]
[JsonSerializable(typeof(DeliveryView))]
[JsonSerializable(typeof(TestSendResult))]
[JsonSerializable(typeof(RedeliverResult))]
[JsonSerializable(typeof(DryRunResult))]
[JsonSerializable(typeof(BacktestRequestShape))]
[JsonSerializable(typeof(BacktestAnswer))]
[JsonSerializable(typeof(ItemList<SourceView>))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(SubscriberRequest))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(LinkSent))]
[JsonSerializable(typeof(SubscriberConfirmed))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
