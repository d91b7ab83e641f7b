namespace Alerts.Core.Model;

public enum MarketEventKind
{
    Announcement,
    PriceTick,
}

/// <summary>The unit that flows through ingest and evaluation: exactly one of <see cref="Announcement"/> or <see cref="Tick"/>.</summary>
public sealed record MarketEvent(MarketEventKind Kind, Announcement? Announcement, PriceTick? Tick)
{
    public string Id => Kind == MarketEventKind.Announcement ? Announcement!.Id : Tick!.Id;

    public DateTimeOffset OccurredAt => Kind == MarketEventKind.Announcement ? Announcement!.PublishedAt : Tick!.Time;

    public static MarketEvent Of(Announcement announcement) => new(MarketEventKind.Announcement, announcement, null);

    public static MarketEvent Of(PriceTick tick) => new(MarketEventKind.PriceTick, null, tick);

    /// <summary>True when the payload is present and agrees with <see cref="Kind"/>; replayed JSON is checked with this.</summary>
    public bool IsWellFormed => Kind switch
    {
        MarketEventKind.Announcement => Announcement is not null && Tick is null,
        MarketEventKind.PriceTick => Tick is not null && Announcement is null,
        _ => false,
    };
}
