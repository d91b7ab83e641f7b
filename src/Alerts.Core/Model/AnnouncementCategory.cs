namespace Alerts.Core.Model;

/// <summary>
/// Normalized announcement categories shared by every source; sources map their own taxonomies onto these. Values are
/// stored and named in rules, so new ones are only ever appended. The listing milestones, in the order a listing goes:
/// sponsor appointment, IPO tutoring (the umbrella, with filed / accepted / completed / terminated), listing application,
/// inquiry, hearing or committee approval, registration effective, prospectus, allotment results, listing date; besides
/// them A-share issuance plans, spin-offs and withdrawal or termination.
/// </summary>
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
    SponsorAppointment,
    TutoringFiled,
    TutoringAccepted,
    TutoringCompleted,
    TutoringTerminated,
    Inquiry,
    RegistrationEffective,
    AllotmentResults,
    ListingDate,
    SpinOff,
    Withdrawal,
    TradingResumption,
    InsideInformation,
}
