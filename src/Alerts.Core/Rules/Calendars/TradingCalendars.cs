using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Core.Companies;

namespace Alerts.Core.Rules.Calendars;

/// <summary>
/// The bundled, dated calendars of HKEX, SSE/SZSE and NYSE (<c>trading-calendars.json</c>), plus a weekdays-only UTC calendar for
/// currency pairs. A symbol's calendar follows its suffix: .HK → HKEX, .SS/.SZ/.BJ → SSE, FX (<c>HKDCNY=X</c>) → weekdays, else NYSE.
/// </summary>
public static class TradingCalendars
{
    private static readonly CalendarFile File = Load();
    private static readonly Dictionary<string, TradingCalendar> ByExchange = Build(File);

    public static TradingCalendar Hkex => ByExchange[SymbolFormat.Hkex];

    public static TradingCalendar Sse => ByExchange[SymbolFormat.Sse];

    public static TradingCalendar Nyse => ByExchange["NYSE"];

    public static TradingCalendar Fx { get; } = new("FX", TimeZoneInfo.Utc, [], File.ValidFrom, File.ValidThrough);

    /// <summary>When the file was compiled, and the last day it covers.</summary>
    public static DateOnly Compiled => File.Compiled;

    public static DateOnly ValidThrough => File.ValidThrough;

    public static IReadOnlyList<TradingCalendar> All => [Hkex, Sse, Nyse];

    public static TradingCalendar? ForExchange(string exchange) =>
        ByExchange.GetValueOrDefault(exchange ?? throw new ArgumentNullException(nameof(exchange)));

    public static TradingCalendar ForSymbol(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        if (symbol.EndsWith(".HK", StringComparison.OrdinalIgnoreCase))
        {
            return Hkex;
        }

        if (symbol.EndsWith(".SS", StringComparison.OrdinalIgnoreCase) || symbol.EndsWith(".SZ", StringComparison.OrdinalIgnoreCase)
            || symbol.EndsWith(".BJ", StringComparison.OrdinalIgnoreCase))
        {
            return Sse;
        }

        return symbol.EndsWith("=X", StringComparison.OrdinalIgnoreCase) ? Fx : Nyse;
    }

    private static CalendarFile Load()
    {
        using var stream = typeof(TradingCalendars).Assembly.GetManifestResourceStream("Alerts.Core.Rules.Calendars.trading-calendars.json")
            ?? throw new InvalidOperationException("The bundled trading calendar file is missing from Alerts.Core.");
        return JsonSerializer.Deserialize(stream, CalendarJsonContext.Default.CalendarFile)
            ?? throw new InvalidDataException("The bundled trading calendar file is empty.");
    }

    private static Dictionary<string, TradingCalendar> Build(CalendarFile file)
    {
        var calendars = new Dictionary<string, TradingCalendar>(StringComparer.OrdinalIgnoreCase);
        foreach (var exchange in file.Exchanges)
        {
            var calendar = new TradingCalendar(
                exchange.Exchange, TimeZoneInfo.FindSystemTimeZoneById(exchange.TimeZone), exchange.Holidays, file.ValidFrom, file.ValidThrough, exchange.ProvisionalFrom,
                Hours(exchange));
            foreach (var name in exchange.Aliases.Prepend(exchange.Exchange))
            {
                calendars[name] = calendar;
            }
        }

        return calendars;
    }

    private static TradingHours Hours(CalendarExchange exchange)
    {
        if (exchange.Sessions.Count == 0)
        {
            return TradingHours.AllDay;
        }

        var sessions = exchange.Sessions.Select(session => session.Split('-') is [var open, var close]
            ? new TradingSession(TimeOfDay(open, exchange), TimeOfDay(close, exchange))
            : throw new InvalidDataException($"trading-calendars.json: {exchange.Exchange} session '{session}' is not HH:mm-HH:mm."));
        return new TradingHours([.. sessions], exchange.EarlyClose is { } early ? TimeOfDay(early, exchange) : null, exchange.EarlyCloseDays);
    }

    private static TimeSpan TimeOfDay(string text, CalendarExchange exchange) =>
        text.Trim() == "24:00" ? TimeSpan.FromDays(1)
        : TimeOnly.TryParseExact(text.Trim(), "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            ? time.ToTimeSpan()
            : throw new InvalidDataException($"trading-calendars.json: {exchange.Exchange} time '{text}' is not HH:mm.");
}

internal sealed record CalendarFile(DateOnly Compiled, DateOnly ValidFrom, DateOnly ValidThrough, IReadOnlyList<CalendarExchange> Exchanges);

internal sealed record CalendarExchange(string Exchange, string TimeZone, IReadOnlyList<DateOnly> Holidays)
{
    public IReadOnlyList<string> Aliases { get; set; } = [];

    public DateOnly? ProvisionalFrom { get; set; }

    /// <summary>Continuous-trading sessions of a full day, "HH:mm-HH:mm" in local time (none: around the clock).</summary>
    public IReadOnlyList<string> Sessions { get; set; } = [];

    /// <summary>When trading stops on <see cref="EarlyCloseDays"/>, "HH:mm".</summary>
    public string? EarlyClose { get; set; }

    public IReadOnlyList<DateOnly> EarlyCloseDays { get; set; } = [];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CalendarFile))]
internal sealed partial class CalendarJsonContext : JsonSerializerContext;
