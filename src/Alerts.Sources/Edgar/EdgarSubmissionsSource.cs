using System.Globalization;
using Alerts.Sources.Feeds;

namespace Alerts.Sources.Edgar;

/// <summary>
/// Polls SEC EDGAR's submissions JSON for each CIK in <see cref="FeedSourceOptions.Symbols"/> ("320193", "CIK0000320193";
/// the configured URL is the folder, <c>https://data.sec.gov/submissions/</c>),
/// one request after another, with the declared User-Agent SEC requires. Filings accepted in the last
/// <see cref="LookBack"/> are events. One CIK failing is a problem of the poll; all failing fails it.
/// </summary>
public sealed class EdgarSubmissionsSource(HttpClient http, FeedSourceOptions options, TimeProvider clock)
    : HttpFeedSource(http, options, clock)
{
    public const string Kind = "edgar-submissions";

    public static readonly Uri DefaultUrl = new("https://data.sec.gov/submissions/");

    public static readonly TimeSpan LookBack = TimeSpan.FromDays(3);

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        if (EdgarAtomSource.CheckUserAgent(Options.UserAgent) is { } problem)
        {
            return FeedPoll.Failed(Name, new FeedError(FeedErrorKind.Rejected, problem));
        }

        var since = Clock.GetUtcNow() - LookBack;
        var reads = Options.Symbols.Select(Cik).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(cik => new FeedRead(
                FeedRequests.Get(new Uri(Options.Url ?? DefaultUrl, $"CIK{cik}.json"), Options, referer: null, "application/json"),
                "CIK" + cik,
                response => EdgarSubmissionsParser.Parse(response.Text(), since)))
            .ToList();
        return await FeedReads.ReadAllAsync(Name, reads, SendAsync, cancellationToken);
    }

    /// <summary>A CIK as SEC's file names spell it: ten digits, zero-padded; null when the entry is not a CIK.</summary>
    public static string? Cik(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var digits = entry.Trim();
        if (digits.StartsWith("CIK", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[3..];
        }

        return digits.Length is > 0 and <= 10 && digits.All(char.IsAsciiDigit)
            ? long.Parse(digits, CultureInfo.InvariantCulture).ToString("D10", CultureInfo.InvariantCulture)
            : null;
    }
}
