using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>The rules every handler answer must obey, and small builders of test data.</summary>
public static class Contract
{
    /// <summary>
    /// JSON object with exactly Outputs (object), Logs (array of strings) and ReturnValue (null); Content-Type application/json;
    /// every output key a binding the published function.json declares; every value an object or array (never a bare string);
    /// Service Bus outputs arrays of objects; the http output a {statusCode, body, headers} object.
    /// </summary>
    public static HandlerResponse AssertEnvelope(PublishedHandler handler, string function, HandlerResponse response, HttpStatusCode status = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(status == response.Status, $"{function}: expected {status}, got {(int)response.Status}: {response.Text}");
        Assert.Equal("application/json", response.MediaType);
        var envelope = response.Envelope;
        Assert.Equal(["Logs", "Outputs", "ReturnValue"], envelope.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.IsType<JsonObject>(envelope["Outputs"]);
        Assert.All(envelope["Logs"]!.AsArray(), l => Assert.Equal(JsonValueKind.String, l!.GetValueKind()));
        Assert.Null(envelope["ReturnValue"]);

        var declared = handler.OutputBindings(function);
        foreach (var (binding, value) in response.Outputs)
        {
            Assert.True(declared.Contains(binding), $"{function} returned output '{binding}', which its function.json does not declare ({string.Join(", ", declared)})");
            Assert.True(value is JsonObject or JsonArray, $"{function} output '{binding}' must be an object or array, not {value?.GetValueKind()}");
            if (binding == "res")
            {
                var res = value!.AsObject();
                Assert.Equal(JsonValueKind.Number, res["statusCode"]!.GetValueKind());
                Assert.True(res["body"] is JsonObject or JsonArray, "res.body must be JSON, not a string");
                Assert.StartsWith("application/", (string)res["headers"]!["Content-Type"]!, StringComparison.Ordinal);
                Assert.EndsWith("json", (string)res["headers"]!["Content-Type"]!, StringComparison.Ordinal);
            }
            else
            {
                Assert.All(value!.AsArray(), m => Assert.IsType<JsonObject>(m));
            }
        }

        return response;
    }

    public static MarketEvent Tick(string symbol, decimal price, decimal previousClose, DateTimeOffset time, string source = "test-feed") =>
        MarketEvent.Of(new PriceTick(symbol, price, previousClose, 1000, time, "HKD", source));

    public static string Json(MarketEvent marketEvent) => JsonSerializer.Serialize(marketEvent, AlertsJsonContext.Default.MarketEvent);

    public static string Json(params MarketEvent[] events) => "[" + string.Join(",", events.Select(Json)) + "]";

    /// <summary>
    /// An import file (the <c>alerts import</c> format): a webhook channel to <paramref name="webhook"/> and a price-move rule on
    /// Zhipu (2513.HK, a bundled reference company) that fires on a 5% move.
    /// </summary>
    public static string Catalog(Uri webhook, string tenant = "acme") => new JsonObject
    {
        ["tenant"] = tenant,
        ["channels"] = new JsonArray(new JsonObject
        {
            ["id"] = "sink",
            ["name"] = "Loopback sink",
            ["kind"] = "webhook",
            ["target"] = webhook.AbsoluteUri,
            ["secret"] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }),
        ["rules"] = new JsonArray(new JsonObject
        {
            ["kind"] = "priceMove",
            ["id"] = "zhipu-moves",
            ["name"] = "Zhipu moves 5%",
            ["companies"] = new JsonObject { ["companies"] = new JsonArray("zhipu") },
            ["thresholdPercent"] = 5,
        }),
        ["subscriptions"] = new JsonArray(new JsonObject { ["id"] = "zhipu-to-sink", ["ruleId"] = "zhipu-moves", ["channelIds"] = new JsonArray("sink") }),
    }.ToJsonString();
}
