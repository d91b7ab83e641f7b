namespace Alerts.Core.Rules;

/// <summary>What the EDGAR submissions source must poll for this book's announcement rules.</summary>
public sealed partial class RuleBook
{
    /// <summary>
    /// The SEC CIKs of the companies that announcement rules active at <paramref name="now"/> watch, directly or through
    /// watchlists, in order. Market-wide rules add none: they are served by the EDGAR current feed, not per-company polling.
    /// </summary>
    public IReadOnlyList<string> SecFilerCiks(DateTimeOffset now)
    {
        var ciks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (companyId, buckets) in _byCompany)
        {
            if (Directory.CikOf(companyId) is { } cik
                && Array.Exists(buckets, bucket => Array.Exists(bucket.Plain, IsActive) || Array.Exists(bucket.Filtered, IsActive)))
            {
                ciks.Add(cik);
            }
        }

        return [.. ciks];

        bool IsActive(int index) => _announcementRules[index].Rule.IsActive(now);
    }
}
