using System.Runtime.CompilerServices;
using Alerts.Core.Model;

namespace Alerts.Storage.Repositories;

/// <summary>Read-only: the stored announcements of one source, for read models built over a feed's history.</summary>
public interface ISourceEventReader
{
    /// <summary>Every stored announcement of <paramref name="source"/> (the part of an event id before the first ':').</summary>
    IAsyncEnumerable<Announcement> AnnouncementsAsync(string source, CancellationToken cancellationToken);
}

/// <summary>Events are partitioned by source, so one source's history is one partition query on either backend.</summary>
internal sealed class SourceEventReader(StoreTables tables) : ISourceEventReader
{
    public async IAsyncEnumerable<Announcement> AnnouncementsAsync(string source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        await foreach (var marketEvent in tables.Events.QueryAsync(StoreTables.Key(source), cancellationToken))
        {
            if (marketEvent.Announcement is { } announcement)
            {
                yield return announcement;
            }
        }
    }
}
