using Alerts.Core.Ports;
using Alerts.Storage.Primitive;

namespace Alerts.Storage.Repositories;

/// <summary>
/// <see cref="IPipelineTransactions"/> over the primitive: the same repositories, built on the transaction's view of a store that
/// has transactions (<see cref="ITransactionalEntityStore"/>), or the plain ones on a store that has none.
/// </summary>
internal sealed class PipelineTransactions(IEntityStore store, PipelineRepositories plain) : IPipelineTransactions
{
    public Task<T> RunAsync<T>(Func<PipelineRepositories, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return store is ITransactionalEntityStore transactional
            ? transactional.TransactAsync(view => work(Over(new StoreTables(view))), cancellationToken)
            : work(plain);
    }

    public static PipelineRepositories Over(StoreTables tables) => new(
        new EventRepository(tables),
        new RuleStateRepository(tables),
        new AlertRepository(tables),
        new DeliveryRepository(tables),
        new DeliveryAttemptRepository(tables),
        new ChannelRepository(tables),
        new WorkRepository(tables),
        new HeldDeliveryRepository(tables));
}
