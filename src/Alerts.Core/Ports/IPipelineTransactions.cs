namespace Alerts.Core.Ports;

/// <summary>The repositories one stage writes through, bound to one transaction (or to none, on a backend without them).</summary>
public sealed record PipelineRepositories(
    IEventRepository Events,
    IRuleStateRepository RuleStates,
    IAlertRepository Alerts,
    IDeliveryRepository Deliveries,
    IDeliveryAttemptRepository Attempts,
    IChannelRepository Channels,
    IWorkRepository Work,
    IHeldDeliveryRepository Held);

/// <summary>
/// Runs a batch's writes as one transaction where the store has them (SQLite: the whole batch commits, or none of it when the
/// work throws). Table Storage has no transaction across partitions: there the work runs on the plain repositories, each write
/// on its own in the order the work makes it, which is what every handler is written to be safe with.
/// </summary>
public interface IPipelineTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> on repositories bound to one transaction. The work must only read and write through them
    /// (their calls complete at once inside a transaction) and must not wait on anything else.
    /// </summary>
    Task<T> RunAsync<T>(Func<PipelineRepositories, Task<T>> work, CancellationToken cancellationToken);
}
