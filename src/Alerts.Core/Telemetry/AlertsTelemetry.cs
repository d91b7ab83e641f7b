using System.Diagnostics;
using System.Diagnostics.Metrics;
using Alerts.Core.Handlers;

namespace Alerts.Core.Telemetry;

/// <summary>
/// The pipeline's own traces and metrics, on the platform's ActivitySource and Meter (no exporter here: a host subscribes by
/// <see cref="Name"/>). One span per stage run; counters of events ingested, alerts fired and deliveries by outcome and
/// channel kind; a histogram of the time from an alert's creation to its delivery.
/// </summary>
public static class AlertsTelemetry
{
    public const string Name = "Alerts";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Counter<long> EventsIngested { get; } = Meter.CreateCounter<long>("alerts.events.ingested", "{event}", "New events accepted by ingest");

    public static Counter<long> AlertsFired { get; } = Meter.CreateCounter<long>("alerts.alerts.fired", "{alert}", "Alerts raised by evaluation");

    public static Counter<long> DeliveryAttempts { get; } = Meter.CreateCounter<long>("alerts.deliveries", "{delivery}", "Delivery stage runs by outcome and channel kind");

    public static Histogram<double> AlertToDelivery { get; } = Meter.CreateHistogram<double>("alerts.delivery.latency", "s", "From an alert's creation to its delivery");

    /// <summary>Starts the span of one stage run (null when nobody listens), tagged with what it works on.</summary>
    public static Activity? StartStage(string stage, params (string Key, object? Value)[] tags) => StartStage(stage, traceParent: null, tags);

    /// <summary>
    /// Starts the span of a stage that consumes a queue message, as a child of the span that sent it (the message's W3C
    /// <paramref name="traceParent"/>); without one, under the current span or as a new trace.
    /// </summary>
    public static Activity? StartStage(string stage, string? traceParent, params (string Key, object? Value)[] tags)
    {
        var parent = TraceContext.Parent(traceParent);

        // A host's own span around the run (the Functions invocation) is kept as a link when the message names the parent.
        var links = parent != default && Activity.Current is { } host ? [new ActivityLink(host.Context)] : (ActivityLink[]?)null;
        var activity = Source.StartActivity(stage, ActivityKind.Consumer, parent, links: links);
        foreach (var (key, value) in tags)
        {
            activity?.SetTag(key, value);
        }

        return activity;
    }

    public static void Ingested(int count, string origin)
    {
        if (count > 0)
        {
            EventsIngested.Add(count, new KeyValuePair<string, object?>("alerts.origin", origin));
        }
    }

    public static void Evaluated(Activity? activity, EvaluateResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        activity?.SetTag("alerts.alert_count", result.Alerts.Count);
        if (result.Alerts.Count > 0)
        {
            AlertsFired.Add(result.Alerts.Count);
        }
    }

    public static void Delivered(Activity? activity, DeliverResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kind = result.Delivery?.ChannelKind.ToString() ?? "unknown";
        activity?.SetTag("alerts.outcome", result.Outcome.ToString());
        activity?.SetTag("alerts.channel_kind", kind);
        DeliveryAttempts.Add(1, new KeyValuePair<string, object?>("alerts.outcome", result.Outcome.ToString()), new KeyValuePair<string, object?>("alerts.channel_kind", kind));
        if (result is { Outcome: DeliverOutcome.Delivered, Delivery: { } delivery })
        {
            AlertToDelivery.Record((now - delivery.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("alerts.channel_kind", kind));
        }

        if (result.Outcome is DeliverOutcome.DeadLettered)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Delivery?.LastError);
        }
    }
}
