using System.Text.Json.Serialization;
using Alerts.Core.Model;

namespace Alerts.Core.Rules;

/// <summary>A watch rule. Concrete kinds below; the JSON discriminator is <c>kind</c>.</summary>
/// <remarks>
/// Optional members have setters, not init accessors: source-generated System.Text.Json assigns every init-only member,
/// so a member missing from an import file would overwrite its default (an omitted "enabled" would disable the rule).
/// Rules are never changed after they are read.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AnnouncementRule), "announcement")]
[JsonDerivedType(typeof(PriceMoveRule), "priceMove")]
[JsonDerivedType(typeof(PriceLevelRule), "priceLevel")]
[JsonDerivedType(typeof(NewHighLowRule), "newHighLow")]
[JsonDerivedType(typeof(WindowMoveRule), "windowMove")]
[JsonDerivedType(typeof(ListingSpreadRule), "listingSpread")]
[JsonDerivedType(typeof(VolumeSpikeRule), "volumeSpike")]
public abstract record Rule
{
    public required string TenantId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; init; }

    public required CompanyScope Companies { get; init; }

    public Frequency Frequency { get; set; } = Frequency.EveryTime;

    public DateTimeOffset? ExpiresAt { get; set; }

    public bool Enabled { get; set; } = true;

    public bool IsActive(DateTimeOffset now) => Enabled && (ExpiresAt is null || now < ExpiresAt);
}

/// <summary>"A filing of these categories, mentioning any of these words and none of those, appears for a company in scope."</summary>
public sealed record AnnouncementRule : Rule
{
    /// <summary>Empty means every category.</summary>
    public IReadOnlyList<AnnouncementCategory> Categories { get; set; } = [];

    public IReadOnlyList<string> KeywordsAny { get; set; } = [];

    public IReadOnlyList<string> KeywordsNone { get; set; } = [];
}

public enum MoveDirection
{
    Either,
    Up,
    Down,
}

/// <summary>"The share moves at least <see cref="ThresholdPercent"/>% against the previous close."</summary>
public sealed record PriceMoveRule : Rule
{
    public required decimal ThresholdPercent { get; init; }

    public MoveDirection Direction { get; set; } = MoveDirection.Either;
}

public enum CrossDirection
{
    Above,
    Below,
}

/// <summary>
/// "The price crosses <see cref="Level"/>": fires on the crossing edge, then re-arms only after the price has moved back
/// beyond the level by <see cref="HysteresisPercent"/>% of it, so a price hovering at the level does not alert on every tick.
/// </summary>
public sealed record PriceLevelRule : Rule
{
    public required decimal Level { get; init; }

    public CrossDirection Direction { get; set; } = CrossDirection.Above;

    public decimal HysteresisPercent { get; set; } = 1m;
}
