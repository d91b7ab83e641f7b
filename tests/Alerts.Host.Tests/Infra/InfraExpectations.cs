using Alerts.Host.Functions;
using Alerts.Storage;

namespace Alerts.Host.Tests.Infra;

/// <summary>A queue a function reads (its trigger) or writes (an output binding), as its function.json will name it.</summary>
internal sealed record FunctionQueueUse(string Function, string Binding, string Queue);

/// <summary>What the app needs from its infrastructure, taken from the code (the registry and the store), never retyped.</summary>
internal sealed record InfraExpectations(
    IReadOnlyList<string> Queues,
    IReadOnlyList<FunctionQueueUse> FunctionQueues,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> AppSettings,
    IReadOnlyList<string> ScheduleSettings,
    string ServiceBusConnection)
{
    public static InfraExpectations FromCode() => new(
        FunctionRegistry.Queues.All,
        [
            .. FunctionRegistry.All.SelectMany(f =>
                (f.QueueName is { } trigger ? [new FunctionQueueUse(f.Name, f.TriggerBindingName, trigger)] : Array.Empty<FunctionQueueUse>())
                    .Concat(f.Outputs.Select(o => new FunctionQueueUse(f.Name, o.BindingName, o.QueueName)))),
        ],
        AlertStore.TableNames,
        FunctionRegistry.AppSettings.All,
        [.. FunctionRegistry.All.Select(f => f.ScheduleSetting).OfType<string>().Distinct(StringComparer.Ordinal)],
        FunctionRegistry.ServiceBusConnection);
}
