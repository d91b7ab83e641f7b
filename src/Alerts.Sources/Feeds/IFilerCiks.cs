namespace Alerts.Sources.Feeds;

/// <summary>
/// The SEC CIKs (ten digits) the EDGAR submissions source polls, read again on every poll. The host's implementation returns
/// the CIKs of the companies active announcement rules watch, directly or through watchlists.
/// </summary>
public interface IFilerCiks
{
    ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken);
}

/// <summary>A fixed set of CIKs (tests, <c>alerts sources check</c>, or no rule source at all).</summary>
public sealed class FixedFilerCiks(IEnumerable<string> ciks) : IFilerCiks
{
    private readonly IReadOnlyCollection<string> _ciks = [.. ciks];

    public static FixedFilerCiks None { get; } = new([]);

    public ValueTask<IReadOnlyCollection<string>> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_ciks);
}
