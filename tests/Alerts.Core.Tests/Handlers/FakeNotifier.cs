using System.Collections.Concurrent;
using Alerts.Core.Model;
using Alerts.Core.Notifications;

namespace Alerts.Core.Tests.Handlers;

/// <summary>Records every send and answers from a script (delivered when the script is empty).</summary>
public sealed class FakeNotifier(ChannelKind kind) : INotifier
{
    private readonly ConcurrentQueue<Func<DeliveryRequest, CancellationToken, Task<DeliveryResult>>> _script = new();
    private readonly ConcurrentQueue<DeliveryRequest> _calls = new();

    public ChannelKind Kind => kind;

    public IReadOnlyList<DeliveryRequest> Calls => [.. _calls];

    public FakeNotifier Then(DeliveryResult result) => Then(_ => Task.FromResult(result));

    public FakeNotifier Then(Func<DeliveryRequest, Task<DeliveryResult>> answer) => Then((request, _) => answer(request));

    public FakeNotifier Then(Func<DeliveryRequest, CancellationToken, Task<DeliveryResult>> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public Task<DeliveryResult> SendAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        _calls.Enqueue(request);
        return _script.TryDequeue(out var answer) ? answer(request, cancellationToken) : Task.FromResult<DeliveryResult>(new DeliveryResult.Delivered(200));
    }
}
