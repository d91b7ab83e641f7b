using Alerts.Api.Json;
using Alerts.Core.Model;
using Alerts.Core.Rules;

namespace Alerts.Api.Page;

public sealed record SignedOutModel(string? Email = null, IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>A company as the page lists it: the names, listings and (in search results) listing applications as the sources give them.</summary>
public sealed record CompanyLine(string Id, string Name, IReadOnlyList<string> OtherNames, IReadOnlyList<Listing> Listings)
{
    public IReadOnlyList<Companies.ListingApplication> Applications { get; init; } = [];
}

public sealed record WatchlistLine(string Id, string Name, IReadOnlyList<CompanyLine> Companies);

public sealed record WatchlistsModel(
    IReadOnlyList<WatchlistLine> Watchlists, string? Query, IReadOnlyList<CompanyLine>? Results, IReadOnlyDictionary<string, string[]>? Errors = null, string? NewName = null);

public sealed record RuleLine(string Id, string Name, string Description, bool Enabled, IReadOnlyList<string> Channels, string? TimeZone, string? Schedule = null);

/// <summary>The new-rule form as it was filled in, so a refused form comes back as the person left it.</summary>
public sealed record RuleForm(
    string? Name = null, string Kind = "announcement", string? Watchlist = null, IReadOnlyList<string>? Categories = null, string? Keywords = null,
    string? ThresholdPercent = null, string? MoveDirection = null, string? Level = null, string? CrossDirection = null,
    string Frequency = "EveryTime", IReadOnlyList<string>? ChannelIds = null, string? TimeZone = null,
    string? QuietFrom = null, string? QuietUntil = null, string? DigestAt = null);

public sealed record RulesModel(
    IReadOnlyList<RuleLine> Rules, IReadOnlyList<Watchlist> Watchlists, IReadOnlyList<ChannelView> Channels, RuleForm Form,
    IReadOnlyDictionary<string, string[]>? Errors = null);

public sealed record ChannelForm(string? Name = null, string Kind = "Slack", string? Target = null);

/// <summary>
/// <see cref="TestedId"/>'s test send reported <see cref="Tested"/>; <see cref="NewSecret"/> is shown this once; <see cref="Removing"/>
/// asks to confirm a removal; <see cref="RenamingId"/>'s rename was refused with <see cref="Errors"/>.
/// </summary>
public sealed record ChannelsModel(
    IReadOnlyList<ChannelView> Channels, ChannelForm Form, IReadOnlyDictionary<string, string[]>? Errors = null,
    string? TestedId = null, TestSendResult? Tested = null, string? NewSecret = null, ChannelRemovalImpact? Removing = null, string? RenamingId = null);

public sealed record DeliveryLine(string Id, string Channel, DeliveryStatus Status, int Attempts, string? LastError);

public sealed record AlertLine(Alert Alert, IReadOnlyList<DeliveryLine> Deliveries);

public sealed record AlertsModel(IReadOnlyList<AlertLine> Alerts);

public sealed record UnsubscribeModel(string Token, bool Done);

/// <summary>Plain words for what a rule listens to.</summary>
public static class RuleWords
{
    public static readonly IReadOnlyList<(AnnouncementCategory Category, string Words)> Milestones =
    [
        (AnnouncementCategory.ListingApplication, "Files a listing application"),
        (AnnouncementCategory.IpoTutoring, "Starts or completes IPO tutoring"),
        (AnnouncementCategory.ListingHearingOrApproval, "Passes a listing hearing or gets approval"),
        (AnnouncementCategory.Prospectus, "Publishes a prospectus"),
        (AnnouncementCategory.AShareIssuance, "Issues A shares"),
        (AnnouncementCategory.Results, "Publishes results"),
        (AnnouncementCategory.TradingHalt, "Halts trading"),
    ];

    public static string Describe(Rule rule, Func<string?, string> scope) => rule switch
    {
        AnnouncementRule a => $"When {scope(a.Companies.Watchlist)} "
            + (a.Categories.Count == 0 ? "announces anything" : string.Join(" or ", a.Categories.Select(c => Milestones.FirstOrDefault(m => m.Category == c).Words?.ToLowerInvariant() ?? c.ToString())))
            + (a.KeywordsAny.Count > 0 ? $", mentioning {string.Join(" or ", a.KeywordsAny.Select(k => $"“{k}”"))}" : string.Empty),
        PriceMoveRule m => $"When a share of {scope(m.Companies.Watchlist)} moves {(m.Direction switch { MoveDirection.Up => "up", MoveDirection.Down => "down", _ => "up or down" })} by at least {m.ThresholdPercent}% against the previous close",
        PriceLevelRule l => $"When a share of {scope(l.Companies.Watchlist)} crosses {(l.Direction == CrossDirection.Above ? "above" : "below")} {l.Level}",
        _ => rule.Name,
    } + Often(rule.Frequency);

    private static string Often(Frequency frequency) => frequency.Kind switch
    {
        FrequencyKind.Once => " (once)",
        FrequencyKind.OncePerTradingDay => " (at most once a trading day)",
        FrequencyKind.Cooldown => $" (at most once every {frequency.Cooldown})",
        _ => string.Empty,
    };
}
