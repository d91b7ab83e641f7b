using System.Text.Json;
using Alerts.Core.Handlers;
using Alerts.Core.Serialization;
using Alerts.Core.Telemetry;
using Azure.Storage.Queues;

namespace Alerts.Functions.Extensions;

/// <summary>
/// Sends the stages' outputs to their Storage queues (base64, as the triggers expect). Every message sent here is backed by a
/// pending row the handler wrote first, so a send that fails loses nothing: the RetryDue sweep sends it again. Each message
/// carries the sending stage's trace context, so the consuming stage's span joins the same trace.
/// </summary>
public sealed class AlertQueues(QueueServiceClient service, TimeProvider time)
{
    /// <summary>A queue message can be hidden for at most seven days; later retries are left to the sweep.</summary>
    private static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    public QueueClient Queue(string name) => service.GetQueueClient(name);

    /// <summary>Creates the queues that do not exist yet (infra/main.bicep declares them on Azure; Azurite starts empty).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in QueueNames.All)
        {
            await Queue(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public async Task SendAsync(IEnumerable<EvaluateMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await Queue(QueueNames.Events).SendMessageAsync(JsonSerializer.Serialize(TraceContext.Stamp(message), AlertsJsonContext.Default.EvaluateMessage), cancellationToken);
        }
    }

    public async Task SendAsync(IEnumerable<DeliverMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            await SendAsync(message, notBefore: null, cancellationToken);
        }
    }

    /// <summary>Sends a delivery, invisible until <paramref name="notBefore"/> when given: a scheduled retry is the message's initial visibility delay.</summary>
    public async Task SendAsync(DeliverMessage message, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        // Visibility is counted in whole seconds: round up, or a message due in 0.3 s would come straight back, too early.
        var delay = notBefore is { } at ? TimeSpan.FromSeconds(Math.Ceiling((at - time.GetUtcNow()).TotalSeconds)) : TimeSpan.Zero;
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxVisibilityDelay ? MaxVisibilityDelay : delay;
        await Queue(QueueNames.Deliveries).SendMessageAsync(
            JsonSerializer.Serialize(TraceContext.Stamp(message), AlertsJsonContext.Default.DeliverMessage), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }
}
