using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// <see cref="IPipelineTransactions"/> over the primitive: the same repositories, built on the transaction's view of a store that
/// has transactions (<see cref="ITransactionalEntityStore"/>), or the plain ones on a store that has none.
/// </summary>
internal sealed class PipelineTransactions(IEntityStore store, Secrets.ChannelSecretSealer sealer, PipelineRepositories plain) : IPipelineTransactions
{
    public Task<T> RunAsync<T>(Func<PipelineRepositories, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return store is ITransactionalEntityStore transactional
            ? transactional.TransactAsync(view => work(Over(new StoreTables(view), sealer)), cancellationToken)
            : work(plain);
    }

    /// <summary>The channels inside a transaction are sealed and opened with the store's own key ring, like outside it.</summary>
    public static PipelineRepositories Over(StoreTables tables, Secrets.ChannelSecretSealer sealer) => new(
        new EventRepository(tables),
        new RuleStateRepository(tables),
        new AlertRepository(tables),
        new DeliveryRepository(tables),
        new DeliveryAttemptRepository(tables),
        new ChannelRepository(tables, sealer),
        new WorkRepository(tables),
        new HeldDeliveryRepository(tables));
}
