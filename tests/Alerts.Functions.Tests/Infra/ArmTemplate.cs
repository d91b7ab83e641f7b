using System.Text.Json.Nodes;

namespace Alerts.Functions.Tests.Infra;

/// <summary>Reads what the tests need out of the ARM JSON that <c>bicep build</c> produced.</summary>
internal sealed class ArmTemplate(JsonObject template)
{
    public IReadOnlyList<JsonObject> Resources { get; } = (template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
        _ => [],
    }).ToList();

    public JsonObject Variables => template["variables"]!.AsObject();

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    /// <summary>The string values of a variable that holds an array, e.g. <c>queueNames</c>.</summary>
    public IReadOnlyList<string> ArrayVariable(string name) => [.. Variables[name]!.AsArray().Select(v => (string)v!)];

    /// <summary>The function app's app settings: name → ARM expression or literal.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        Single("Microsoft.Web/sites/config")["properties"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);

    /// <summary>The loop variable a resource's copy loop iterates over, e.g. <c>[variables('queueNames')]</c>.</summary>
    public static string? CopyInput(JsonObject resource) => (string?)resource["copy"]?["count"] is { } count ? count : null;
}
