using System.Text.Json.Nodes;
using Alerts.Host.Functions;
using Alerts.Storage;

namespace Alerts.Host.Tests.Infra;

/// <summary>A queue a function reads (its trigger) or writes (an output binding), as its generated function.json names it.</summary>
internal sealed record FunctionQueueUse(string Function, string Binding, string Queue);

/// <summary>
/// What the app needs from its infrastructure, taken from the code, never retyped: the registry's queues and app settings,
/// the store's tables, and what the generated function.json files bind (queues, connections, <c>%setting%</c> schedules).
/// </summary>
internal sealed record InfraExpectations(
    IReadOnlyList<string> Queues,
    IReadOnlyList<FunctionQueueUse> FunctionQueues,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> AppSettings,
    IReadOnlyList<string> ScheduleSettings,
    IReadOnlyList<string> Connections)
{
    public static InfraExpectations FromCode()
    {
        var bindings = FunctionRegistry.All
            .SelectMany(f => (FunctionJson.Create(f)["bindings"]?.AsArray() ?? []).OfType<JsonObject>().Select(b => (Function: f.Name, Binding: b)))
            .ToList();
        string? Text(JsonObject binding, string key) => binding[key]?.GetValue<string>();

        return new InfraExpectations(
            FunctionRegistry.Queues.All,
            [.. bindings.Where(b => Text(b.Binding, "queueName") is not null).Select(b => new FunctionQueueUse(b.Function, Text(b.Binding, "name")!, Text(b.Binding, "queueName")!))],
            AlertStore.TableNames,
            FunctionRegistry.AppSettings.All,
            [.. bindings.Select(b => Text(b.Binding, "schedule")).OfType<string>().Select(s => s.Trim('%')).Distinct(StringComparer.Ordinal)],
            [.. bindings.Select(b => Text(b.Binding, "connection")).OfType<string>().Distinct(StringComparer.Ordinal)]);
    }
}
