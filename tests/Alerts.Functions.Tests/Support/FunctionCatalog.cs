using System.Reflection;
using Alerts.Functions.Extensions;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Tests.Support;

/// <summary>The functions as the code declares them (the [Function] methods and their trigger attributes), read by reflection.</summary>
internal static class FunctionCatalog
{
    public static IReadOnlyList<(string Function, MethodInfo Method)> Functions() =>
        [.. typeof(AppSettingNames).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Attribute: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
            .Where(f => f.Attribute is not null)
            .Select(f => (f.Attribute!.Name, f.Method))];

    public static IReadOnlyList<(string Function, string Queue)> QueueTriggers() =>
        [.. Functions().SelectMany(f => Triggers<QueueTriggerAttribute>(f.Method).Select(t => (f.Function, t.QueueName)))];

    /// <summary>Timer triggers and the app setting their <c>%Setting%</c> schedule names.</summary>
    public static IReadOnlyList<(string Function, string Setting)> TimerTriggers() =>
        [.. Functions().SelectMany(f => Triggers<TimerTriggerAttribute>(f.Method).Select(t => (f.Function, t.Schedule.Trim('%'))))];

    private static IEnumerable<T> Triggers<T>(MethodInfo method)
        where T : Attribute => method.GetParameters().Select(p => p.GetCustomAttribute<T>()).OfType<T>();
}
