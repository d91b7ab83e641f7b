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
                exchange.Exchange, TimeZoneInfo.FindSystemTimeZoneById(exchange.TimeZone), exchange.Holidays, file.ValidFrom, file.ValidThrough, exchange.ProvisionalFrom);
            foreach (var name in exchange.Aliases.Prepend(exchange.Exchange))
            {
                calendars[name] = calendar;
            }
        }

        return calendars;
    }
}

internal sealed record CalendarFile(DateOnly Compiled, DateOnly ValidFrom, DateOnly ValidThrough, IReadOnlyList<CalendarExchange> Exchanges);

internal sealed record CalendarExchange(string Exchange, string TimeZone, IReadOnlyList<DateOnly> Holidays)
{
    public IReadOnlyList<string> Aliases { get; set; } = [];

    public DateOnly? ProvisionalFrom { get; set; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(CalendarFile))]
internal sealed partial class CalendarJsonContext : JsonSerializerContext;
