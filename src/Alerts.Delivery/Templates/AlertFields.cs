using System.Globalization;
using System.Text;
using Alerts.Core.Model;

namespace Alerts.Delivery.Templates;

/// <summary>
/// The named fields a template (and every default layout) can use, computed once per delivery. Text is the source's own,
/// unescaped: each channel escapes what it renders for its format. Numbers are null when the alert has none.
/// </summary>
public sealed record AlertFields(
    string Company,
    string? CompanyEnglish,
    string? CompanyChinese,
    string? Code,
    IReadOnlyList<string> Codes,
    string? Symbol,
    IReadOnlyList<string> Symbols,
    string Title,
    string Detail,
    string? Category,
    IReadOnlyList<string> Categories,
    string Source,
    string? Url,
    decimal? Price,
    string? Currency,
    decimal? MovePercent,
    decimal? PreviousClose,
    string Rule,
    string RuleId,
    string Time,
    string TimeZone,
    string AlertId,
    bool IsPrice,
    DateTimeOffset OccurredAt)
{
    /// <summary>Every field name a template may use, as Liquid sees it.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "company", "company_en", "company_zh", "code", "codes", "symbol", "symbols", "title", "detail", "category", "categories",
        "source", "url", "price", "currency", "move_pct", "previous_close", "rule", "rule_id", "time", "time_zone", "alert_id", "is_price",
    ];

    public static AlertFields From(Alert alert, DeliveryContext context)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(context);
        var names = context.Company?.Names ?? [alert.CompanyName];
        var listings = context.Company?.Listings ?? [];
        var symbols = listings.Select(l => l.Symbol).Prepend(alert.Symbol).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var codes = listings.Select(l => $"{l.Exchange} {l.Code}").ToList();
        var categories = alert.Categories.Select(Humanize).ToList();
        var local = TimeZoneInfo.ConvertTime(alert.OccurredAt, context.TimeZone);
        return new AlertFields(
            Company: OneLine(alert.CompanyName),
            CompanyEnglish: names.FirstOrDefault(n => !HasHan(n)),
            CompanyChinese: names.FirstOrDefault(HasHan),
            Code: codes.FirstOrDefault(),
            Codes: codes,
            Symbol: symbols.FirstOrDefault(),
            Symbols: symbols,
            Title: OneLine(alert.Headline),
            Detail: alert.Detail.Trim(),
            Category: categories.FirstOrDefault(),
            Categories: categories,
            Source: SourceOf(alert.EventId),
            Url: LinkOf(alert.Url),
            Price: alert.Price is { } p ? Normalize(p) : null,
            Currency: alert.Currency,
            MovePercent: alert.ChangePercent is { } change ? Math.Round(change, 2) : null,
            PreviousClose: PreviousCloseOf(alert),
            Rule: OneLine(alert.RuleName),
            RuleId: alert.RuleId,
            Time: local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + ZoneLabel(context.TimeZone, local),
            TimeZone: context.TimeZone.Id,
            AlertId: alert.Id,
            IsPrice: alert.EventKind == MarketEventKind.PriceTick,
            OccurredAt: alert.OccurredAt);
    }

    /// <summary>"Zhipu: …" unless the title already names the company: the heading every default layout uses.</summary>
    public string Heading => Company.Length == 0 || Title.Contains(Company, StringComparison.OrdinalIgnoreCase) ? Title : $"{Company}: {Title}";

    /// <summary>"HK$496 (+23.40%)" style line, or null for announcements.</summary>
    public string? PriceLine
    {
        get
        {
            if (Price is not { } price)
            {
                return null;
            }

            var line = price.ToString("0.####", CultureInfo.InvariantCulture);
            if (!string.IsNullOrWhiteSpace(Currency))
            {
                line += " " + Currency.Trim();
            }

            if (MovePercent is { } change)
            {
                line += " (" + change.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%)";
            }

            if (PreviousClose is { } close)
            {
                line += ", previous close " + close.ToString("0.####", CultureInfo.InvariantCulture);
            }

            return line;
        }
    }

    /// <summary>Only http(s) links: a <c>javascript:</c> or <c>data:</c> URL from a feed must never become a link.</summary>
    public static string? LinkOf(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url.AbsoluteUri : null;

    public static string Humanize(AnnouncementCategory category) => category switch
    {
        AnnouncementCategory.IpoTutoring => "IPO tutoring",
        AnnouncementCategory.AShareIssuance => "A-share issuance",
        AnnouncementCategory.ListingHearingOrApproval => "Listing hearing or approval",
        AnnouncementCategory.ListingApplication => "Listing application",
        AnnouncementCategory.TradingHalt => "Trading halt",
        AnnouncementCategory.SponsorAppointment => "Sponsor appointment",
        AnnouncementCategory.TutoringFiled => "IPO tutoring filed",
        AnnouncementCategory.TutoringAccepted => "IPO tutoring accepted",
        AnnouncementCategory.TutoringCompleted => "IPO tutoring completed",
        AnnouncementCategory.TutoringTerminated => "IPO tutoring terminated",
        AnnouncementCategory.RegistrationEffective => "Registration effective",
        AnnouncementCategory.AllotmentResults => "Allotment results",
        AnnouncementCategory.ListingDate => "Listing date",
        AnnouncementCategory.SpinOff => "Spin-off",
        AnnouncementCategory.Withdrawal => "Withdrawal or termination",
        AnnouncementCategory.TradingResumption => "Trading resumption",
        AnnouncementCategory.InsideInformation => "Inside information",
        _ => category.ToString(),
    };

    /// <summary>Control characters out and white space collapsed: titles become headers and one-line headings.</summary>
    public static string OneLine(string? text)
    {
        var builder = new StringBuilder(text?.Length ?? 0);
        var space = false;
        foreach (var c in text ?? string.Empty)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>The recorded close, else derived from price and the (rounded) move: then it is only good to a cent or two.</summary>
    private static decimal? PreviousCloseOf(Alert alert) =>
        alert.PreviousClose is { } recorded ? Normalize(recorded)
        : alert is { Price: { } price, ChangePercent: { } change } && change != -100m ? Normalize(Math.Round(price / (1 + (change / 100m)), 2))
        : null;

    /// <summary>402.0000 → 402: trailing zeros of a division are noise in a message.</summary>
    private static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private static string SourceOf(string eventId)
    {
        var colon = eventId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? eventId[..colon] : eventId;
    }

    private static string ZoneLabel(TimeZoneInfo zone, DateTimeOffset local) =>
        zone == TimeZoneInfo.Utc ? "UTC" : "UTC" + local.Offset.ToString(local.Offset < TimeSpan.Zero ? "\\-hh\\:mm" : "\\+hh\\:mm", CultureInfo.InvariantCulture);

    private static bool HasHan(string text) => text.Any(c => c is >= '\u3400' and <= '\u9FFF');
}
