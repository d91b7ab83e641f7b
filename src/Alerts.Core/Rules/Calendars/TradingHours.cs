namespace Alerts.Core.Rules.Calendars;

/// <summary>One continuous trading session, as local times of day (<see cref="Close"/> may be 24:00).</summary>
public readonly record struct TradingSession(TimeSpan Open, TimeSpan Close);

/// <summary>
/// An exchange's continuous-trading sessions on a full day (HKEX 09:30–12:00 and 13:00–16:00, SSE 09:30–11:30 and 13:00–15:00,
/// NYSE 09:30–16:00) and its early-close days, when trading stops at <see cref="EarlyClose"/> (HKEX's Christmas, New Year's and
/// Lunar New Year eves at 12:00, NYSE's at 13:00).
/// </summary>
public sealed class TradingHours
{
    private readonly HashSet<DateOnly> _earlyCloseDays;
    private readonly TradingSession[] _full;
    private readonly TradingSession[] _early;

    public TradingHours(IReadOnlyList<TradingSession> sessions, TimeSpan? earlyClose = null, IEnumerable<DateOnly>? earlyCloseDays = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        if (sessions.Count == 0)
        {
            throw new ArgumentException("A trading day has at least one session.", nameof(sessions));
        }

        for (var i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].Open >= sessions[i].Close || sessions[i].Close > TimeSpan.FromDays(1) || (i > 0 && sessions[i].Open < sessions[i - 1].Close))
            {
                throw new ArgumentException($"Session {sessions[i].Open:hh\\:mm}-{sessions[i].Close:hh\\:mm} is empty, past midnight or out of order.", nameof(sessions));
            }
        }

        _full = [.. sessions];
        EarlyClose = earlyClose;
        _earlyCloseDays = [.. earlyCloseDays ?? []];
        if (_earlyCloseDays.Count > 0 && earlyClose is null)
        {
            throw new ArgumentException("Early-close days need the time they close.", nameof(earlyClose));
        }

        _early = earlyClose is { } close
            ? [.. _full.Where(s => s.Open < close).Select(s => s with { Close = s.Close < close ? s.Close : close })]
            : _full;
    }

    /// <summary>Around the clock: currency pairs, and exchanges whose hours are not modelled.</summary>
    public static TradingHours AllDay { get; } = new([new TradingSession(TimeSpan.Zero, TimeSpan.FromDays(1))]);

    public IReadOnlyList<TradingSession> Sessions => _full;

    public TimeSpan? EarlyClose { get; }

    public IReadOnlyCollection<DateOnly> EarlyCloseDays => _earlyCloseDays;

    public bool ClosesEarly(DateOnly date) => _earlyCloseDays.Contains(date);

    /// <summary>The sessions of a trading day (the caller knows it trades): the full day's, or those cut at the early close.</summary>
    internal IReadOnlyList<TradingSession> On(DateOnly date) => ClosesEarly(date) ? _early : _full;
}
