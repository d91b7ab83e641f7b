namespace Alerts.Core.Model;

/// <summary>Normalized announcement categories shared by every source; sources map their own taxonomies onto these.</summary>
public enum AnnouncementCategory
{
    Other = 0,
    ListingApplication,
    IpoTutoring,
    Prospectus,
    ListingHearingOrApproval,
    AShareIssuance,
    Results,
    TradingHalt,
}
