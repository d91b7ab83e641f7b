using System.Globalization;
using Alerts.Core.Companies;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;

namespace Alerts.Benchmarks;

/// <summary>The market-rule side of the synthetic market: A+H companies, the rules that read price history, and random-walk ticks.</summary>
internal sealed partial class SyntheticMarket
{
    public const string FxSymbol = "HKDCNY=X";

    private static readonly DateTimeOffset MarketStart = new(2026, 1, 5, 1, 30, 0, TimeSpan.Zero);

    /// <summary>Every tenth HKEX company also lists A-shares on the STAR Market.</summary>
    private static Listing SecondListing(int i)
    {
        var code = (688000 + (i % 1000)).ToString(CultureInfo.InvariantCulture) + (i / 1000).ToString(CultureInfo.InvariantCulture);
        return new Listing(SymbolFormat.Sse, code, SymbolFormat.FromExchangeCode(SymbolFormat.Sse, code), "CNY");
    }

    private Rule NewMarketRule(string id, string tenant, Frequency frequency, int variant) => variant switch
    {
        0 or 1 => new NewHighLowRule
        {
            TenantId = tenant, Id = id, Name = "record " + id, Companies = PriceScope(tenant), Frequency = frequency,
            Extreme = (Extreme)_random.Next(2), Window = (HistoryWindow)_random.Next(3), TradingDays = 20 + _random.Next(100),
        },
        2 or 3 => new WindowMoveRule
        {
            TenantId = tenant, Id = id, Name = "window " + id, Companies = PriceScope(tenant), Frequency = frequency,
            ThresholdPercent = 1 + _random.Next(8), Direction = (MoveDirection)_random.Next(3),
            Minutes = _random.Next(2) == 0 ? 5 + _random.Next(60) : null, TradingDays = 1 + _random.Next(20),
        } is var move && move.Minutes is not null ? move with { TradingDays = null } : move,
        4 => new ListingSpreadRule
        {
            TenantId = tenant, Id = id, Name = "spread " + id, Frequency = frequency,
            Companies = CompanyScope.Of(DualListed[_random.Next(DualListed.Count)].Id),
            Level = _random.Next(3) == 0 ? null : 20 + _random.Next(40), MovePoints = null,
        } is var spread && spread.Level is null ? spread with { MovePoints = 2 + _random.Next(5) } : spread,
        _ => new VolumeSpikeRule
        {
            TenantId = tenant, Id = id, Name = "spike " + id, Companies = PriceScope(tenant), Frequency = frequency,
            Multiple = 2 + _random.Next(4), Days = 5 + _random.Next(20),
        },
    };

    private List<Company> DualListed => field ??= [.. Companies.Where(c => c.Listings.Count > 1)];

    /// <summary>A year of daily closes for every listing, and the rate: what a deployment seeds before its first tick.</summary>
    public MarketMemory SeedHistories(int days)
    {
        var memory = new MarketMemory();
        foreach (var listing in Companies.SelectMany(c => c.Listings).Append(new Listing("FX", FxSymbol, FxSymbol, "CNY")))
        {
            var calendar = Alerts.Core.Rules.Calendars.TradingCalendars.ForSymbol(listing.Symbol);
            var day = calendar.TradingDayOf(MarketStart);
            var price = StartPrice(listing.Symbol);
            var closes = new List<(DateOnly, decimal)>(days);
            for (var i = 1; i <= days; i++)
            {
                price *= 1m + ((decimal)_random.NextDouble() - 0.5m) / 25m;
                closes.Add((calendar.TradingDaysBefore(day, i), Math.Round(price, 2)));
            }

            memory.Seed(listing.Symbol, closes);
        }

        return memory;
    }

    /// <summary>
    /// Ticks as quote sources deliver them: a random walk per symbol, cumulative volume rising through the day, one tick a second
    /// across several sessions (so days roll over), every 50th tick the HKD/CNY rate, A+H companies' listings ticked often.
    /// </summary>
    public List<PriceTick> MarketTicks(int count)
    {
        var prices = new Dictionary<string, decimal>();
        var volumes = new Dictionary<string, long>();
        var ticks = new List<PriceTick>(count);
        for (var i = 0; i < count; i++)
        {
            var at = MarketStart.AddSeconds(i * 4);
            Listing listing;
            if (i % 50 == 0)
            {
                listing = new Listing("FX", FxSymbol, FxSymbol, "CNY");
            }
            else
            {
                var company = _random.Next(4) == 0 ? DualListed[_random.Next(DualListed.Count)] : Companies[(int)(Companies.Count * Math.Pow(_random.NextDouble(), 2))];
                listing = company.Listings[_random.Next(company.Listings.Count)];
            }

            var price = prices.TryGetValue(listing.Symbol, out var last) ? last : StartPrice(listing.Symbol);
            price = Math.Round(price * (1m + ((decimal)_random.NextDouble() - 0.5m) / 100m), 3);
            prices[listing.Symbol] = price;
            var volumeKey = listing.Symbol + at.UtcDateTime.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture); // volume so far today
            var volume = volumes[volumeKey] = volumes.GetValueOrDefault(volumeKey) + _random.Next(1, 50_000);
            ticks.Add(new PriceTick(listing.Symbol, price, 0, volume, at, listing.Currency, "quotes"));
        }

        return ticks;
    }

    private static decimal StartPrice(string symbol) => symbol == FxSymbol ? 0.92m : 10m + (symbol.Sum(c => c) % 500);
}
