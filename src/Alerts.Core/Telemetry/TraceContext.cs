using System.Diagnostics;
using Alerts.Core.Handlers;

namespace Alerts.Core.Telemetry;

/// <summary>
/// Carries W3C trace context across the queue hops, so one event's ingest, evaluation and deliveries form one trace: a driver
/// stamps each message it sends with the current span (<see cref="Stamp(EvaluateMessage)"/>) and starts the consuming stage's
/// span under it (<see cref="AlertsTelemetry.StartStage(string, string?, (string Key, object? Value)[])"/>).
/// </summary>
public static class TraceContext
{
    /// <summary>The message with the current span as its parent; one sent outside any span keeps what it carried.</summary>
    public static EvaluateMessage Stamp(EvaluateMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Current() is { } traceParent ? message with { TraceParent = traceParent } : message;
    }

    /// <inheritdoc cref="Stamp(EvaluateMessage)"/>
    public static DeliverMessage Stamp(DeliverMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Current() is { } traceParent ? message with { TraceParent = traceParent } : message;
    }

    /// <summary>The parent a message names; default (none) when it carries no context or a malformed one.</summary>
    public static ActivityContext Parent(string? traceParent) =>
        ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out var context) ? context : default;

    private static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}
