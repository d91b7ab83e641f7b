namespace Alerts.Core;

/// <summary>
/// How a store makes alert and delivery ids (<see cref="StableIds"/>): hashed, or time-ordered (the event's time, then the
/// hash) for events that happened after <see cref="TimeOrderedAfter"/>. Time-ordered ids sort by when their event happened,
/// so a new alert, its deliveries, their attempts and pending rows land beside the last ones in the embedded store's key
/// index instead of on a random page of it, and a write costs the same however much history the store holds.
/// The layout is fixed for the life of a store: an event evaluated again must get the id it got the first time, or it would
/// alert twice. A store that held alerts before ids were time-ordered keeps hashed ids for every event up to then.
/// </summary>
/// <param name="TimeOrderedAfter">Events after this get time-ordered ids; none do when null.</param>
public sealed record AlertIdLayout(DateTimeOffset? TimeOrderedAfter)
{
    /// <summary>Every id hashed: Table Storage, whose partitions do not care where a key sorts.</summary>
    public static AlertIdLayout Hashed { get; } = new((DateTimeOffset?)null);

    /// <summary>Every id time-ordered: a store that held no alert before ids were.</summary>
    public static AlertIdLayout TimeOrdered { get; } = new(DateTimeOffset.MinValue);

    public bool IsTimeOrdered(DateTimeOffset occurredAt) => TimeOrderedAfter is { } after && occurredAt > after;
}
