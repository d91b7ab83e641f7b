using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alerts.Host.Functions;

/// <summary>
/// Generates each function's <c>function.json</c> from <see cref="FunctionRegistry"/>, so the Functions package and the
/// handler's routes cannot drift apart. Binding shapes follow the extension bundle [4.*, 5.0.0) (Service Bus extension 5.x).
/// </summary>
public static class FunctionJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject Create(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var bindings = new JsonArray { Trigger(function) };
        if (function.Trigger == TriggerKind.Http)
        {
            bindings.Add(new JsonObject { ["name"] = FunctionRegistry.HttpResponseBinding, ["type"] = "http", ["direction"] = "out" });
        }

        foreach (var output in function.Outputs)
        {
            bindings.Add(new JsonObject
            {
                ["name"] = output.BindingName,
                ["type"] = "serviceBus",
                ["direction"] = "out",
                ["queueName"] = output.QueueName,
                ["connection"] = FunctionRegistry.ServiceBusConnection,
            });
        }

        var json = new JsonObject { ["bindings"] = bindings };
        if (function.Trigger == TriggerKind.Timer)
        {
            var retry = FunctionRegistry.TimerRetry;
            json["retry"] = new JsonObject
            {
                ["strategy"] = RetryPolicy.Strategy,
                ["maxRetryCount"] = retry.MaxRetryCount,
                ["minimumInterval"] = retry.MinimumInterval.ToString("c", CultureInfo.InvariantCulture),
                ["maximumInterval"] = retry.MaximumInterval.ToString("c", CultureInfo.InvariantCulture),
            };
        }

        return json;
    }

    /// <summary>Writes <c>{directory}/{Name}/function.json</c> for every registered function; returns the files written.</summary>
    public static async Task<IReadOnlyList<string>> EmitAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var written = new List<string>();
        foreach (var function in FunctionRegistry.All)
        {
            var folder = Path.Combine(directory, function.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            await File.WriteAllTextAsync(path, Create(function).ToJsonString(Indented) + "\n", cancellationToken);
            written.Add(path);
        }

        return written;
    }

    private static JsonObject Trigger(FunctionDefinition function) => function.Trigger switch
    {
        TriggerKind.Timer => new JsonObject
        {
            ["name"] = function.TriggerBindingName,
            ["type"] = "timerTrigger",
            ["direction"] = "in",
            ["schedule"] = "%" + Required(function.ScheduleSetting, function, nameof(FunctionDefinition.ScheduleSetting)) + "%",
            ["useMonitor"] = true,
            ["runOnStartup"] = false,
        },
        TriggerKind.ServiceBus => new JsonObject
        {
            ["name"] = function.TriggerBindingName,
            ["type"] = "serviceBusTrigger",
            ["direction"] = "in",
            ["queueName"] = Required(function.QueueName, function, nameof(FunctionDefinition.QueueName)),
            ["connection"] = FunctionRegistry.ServiceBusConnection,
            ["isSessionsEnabled"] = false,
        },
        TriggerKind.Http => new JsonObject
        {
            ["name"] = function.TriggerBindingName,
            ["type"] = "httpTrigger",
            ["direction"] = "in",
            ["authLevel"] = "function",
            ["methods"] = new JsonArray([.. (function.Methods ?? ["post"]).Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["route"] = Required(function.Route, function, nameof(FunctionDefinition.Route)),
        },
        _ => throw new InvalidOperationException($"Function {function.Name}: trigger {function.Trigger} has no function.json shape."),
    };

    private static string Required(string? value, FunctionDefinition function, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"Function {function.Name} needs {field} for a {function.Trigger} trigger.") : value;
}
