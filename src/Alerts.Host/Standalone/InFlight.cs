namespace Alerts.Host.Standalone;

/// <summary>Counts messages queued or being handled, and completes a task whenever the count drops to zero.</summary>
internal sealed class InFlight
{
    private readonly object _gate = new();
    private int _count;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    public void Add(int delta)
    {
        lock (_gate)
        {
            _count += delta;
            if (_count == 0)
            {
                _idle.TrySetResult();
            }
            else if (_idle.Task.IsCompleted)
            {
                _idle = NewIdle(completed: false);
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }
}
