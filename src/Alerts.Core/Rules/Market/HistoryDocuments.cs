using System.Text.Json.Serialization;

namespace Alerts.Core.Rules.Market;

/// <summary>
/// A symbol's completed trading days, as stored: closes in two parallel arrays, the dates written as gaps in days from the one
/// before (mostly 1 to 3), which keeps twenty years of closes near 50 KB of JSON; and the intraday volume profiles of the most
/// recent days.
/// </summary>
public sealed class DailyHistory
{
    public const int MaxProfileDays = 30;

    /// <summary>Trading dates as yyyyMMdd, ascending, no repeats.</summary>
    [JsonIgnore]
    public List<int> Dates { get; set; } = [];

    /// <summary>How <see cref="Dates"/> is stored: the first date's day number, then the gap in days to each next one.</summary>
    [JsonPropertyName("days")]
    public int[] DayGaps
    {
        get
        {
            var gaps = new int[Dates.Count];
            var previous = 0;
            for (var i = 0; i < gaps.Length; i++)
            {
                var day = FromNumber(Dates[i]).DayNumber;
                gaps[i] = day - previous;
                previous = day;
            }

            return gaps;
        }
        set
        {
            var dates = new List<int>(value.Length);
            var day = 0;
            foreach (var gap in value)
            {
                day += gap;
                dates.Add(Number(DateOnly.FromDayNumber(day)));
            }

            Dates = dates;
        }
    }

    public List<decimal> Closes { get; set; } = [];

    /// <summary>
    /// Why the last attempt to seed these closes from a daily-close source failed (null: it did not, or none was made): the
    /// day-window rules that are held back for want of closes say it, so the failure is visible where the rule is.
    /// </summary>
    public string? SeedProblem { get; set; }

    /// <summary>The last <see cref="MaxProfileDays"/> days' volume profiles, oldest first.</summary>
    public List<VolumeProfile> Profiles { get; set; } = [];

    public static int Number(DateOnly date) => (date.Year * 10000) + (date.Month * 100) + date.Day;

    public static DateOnly FromNumber(int number) => new(number / 10000, number / 100 % 100, number % 100);

    /// <summary>Sets the close of a day (insert in order or replace). False when it was already exactly that.</summary>
    public bool SetClose(DateOnly date, decimal close)
    {
        var key = Number(date);
        var index = Dates.BinarySearch(key);
        if (index >= 0)
        {
            if (Closes[index] == close)
            {
                return false;
            }

            Closes[index] = close;
            return true;
        }

        Dates.Insert(~index, key);
        Closes.Insert(~index, close);
        return true;
    }

    public bool HasClose(DateOnly date) => Dates.BinarySearch(Number(date)) >= 0;

    public bool AddProfile(DateOnly date, long[] slots)
    {
        if (Profiles.Exists(p => p.Date == date) || Array.TrueForAll(slots, s => s == 0))
        {
            return false;
        }

        Profiles.Add(new VolumeProfile(date, slots));
        Profiles.Sort((a, b) => a.Date.CompareTo(b.Date));
        if (Profiles.Count > MaxProfileDays)
        {
            Profiles.RemoveRange(0, Profiles.Count - MaxProfileDays);
        }

        return true;
    }
}

/// <summary>One day's cumulative volume at the end of each quarter hour of the exchange's local day (0 where nothing was seen).</summary>
public sealed record VolumeProfile(DateOnly Date, long[] Slots)
{
    public const int SlotMinutes = 15;
    public const int SlotCount = 24 * 60 / SlotMinutes;

    public static int SlotOf(TimeOnly localTime) => ((localTime.Hour * 60) + localTime.Minute) / SlotMinutes;

    /// <summary>The volume traded by the end of <paramref name="slot"/> (the latest slot at or before it that saw a quote).</summary>
    public long VolumeBy(int slot)
    {
        long volume = 0;
        for (var i = 0; i <= slot && i < Slots.Length; i++)
        {
            volume = Math.Max(volume, Slots[i]);
        }

        return volume;
    }
}

/// <summary>The current trading day of a symbol, as stored: the latest quote, recent minute ranges and the volume profile so far.</summary>
public sealed class IntradayHistory
{
    /// <summary>Minute ranges older than this are dropped: the longest minute window a rule may ask for.</summary>
    public const int MaxWindowMinutes = 240;

    public DateOnly Day { get; set; }

    public decimal Price { get; set; }

    public DateTimeOffset At { get; set; }

    public long Volume { get; set; }

    public string Currency { get; set; } = "";

    public decimal PreviousClose { get; set; }

    /// <summary>Unix minutes, ascending, with the low and high seen in each.</summary>
    public List<MinuteRange> Minutes { get; set; } = [];

    public long[] Slots { get; set; } = new long[VolumeProfile.SlotCount];
}

public sealed record MinuteRange(long Minute, decimal Low, decimal High);
