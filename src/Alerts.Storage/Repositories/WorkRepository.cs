using System.Runtime.CompilerServices;
using Alerts.Core.Ports;

namespace Alerts.Storage.Repositories;

internal sealed class WorkRepository(StoreTables tables) : IWorkRepository
{
    public Task PutAsync(WorkItem item, CancellationToken cancellationToken) =>
        tables.Work.UpsertAsync(item.Stage.ToString(), StoreTables.Key(item.Key), item, cancellationToken);

    public Task<bool> TryAddAsync(WorkItem item, CancellationToken cancellationToken) =>
        tables.Work.TryInsertAsync(item.Stage.ToString(), StoreTables.Key(item.Key), item, cancellationToken);

    public Task RemoveAsync(WorkStage stage, string key, CancellationToken cancellationToken) =>
        tables.Work.DeleteAsync(stage.ToString(), StoreTables.Key(key), cancellationToken);

    public async IAsyncEnumerable<WorkItem> ListAsync(WorkStage stage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in tables.Work.QueryAsync(stage.ToString(), cancellationToken))
        {
            yield return item;
        }
    }
}
