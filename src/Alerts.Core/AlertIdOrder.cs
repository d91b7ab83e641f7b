namespace Alerts.Core;

/// <summary>
/// How a store's alert and delivery ids are made (<see cref="StableIds"/>). Fixed for the life of a store: an event evaluated
/// again must give the id it gave the first time, or it would alert twice.
/// </summary>
public enum AlertIdOrder
{
    /// <summary>A hash of what the id stands for: the layout of every store created before ids were time-ordered, and of Table Storage.</summary>
    Hashed,

    /// <summary>
    /// The event's time first, then the hash: ids sort by when their event happened, so a new alert, its deliveries, their
    /// attempts and pending rows land beside the last ones in the embedded store's key index instead of on a random page of
    /// it, and a write's cost stays flat as history grows.
    /// </summary>
    TimeOrdered,
}
