using Alerts.Core.Companies;
using Alerts.Core.Rules;
using Alerts.Core.Rules.Market;

namespace Alerts.Api.Catalog;

/// <summary>The numbers and windows of the market rules (new high/low, window move, listing spread, volume spike) must make sense.</summary>
internal static class MarketRuleValidator
{
    public const int MaxTradingDays = 2500;

    public static void Validate(string path, Rule rule, CompanyDirectory directory, List<ImportError> errors)
    {
        switch (rule)
        {
            case NewHighLowRule record:
                if (record.Window == HistoryWindow.TradingDays ? record.TradingDays is not (>= 1 and <= MaxTradingDays) : record.TradingDays is not null)
                {
                    errors.Add(new ImportError(path + ".tradingDays", record.Window == HistoryWindow.TradingDays
                        ? $"is required with window TradingDays: 1 to {MaxTradingDays}"
                        : "is only for window TradingDays"));
                }

                Range(path + ".rearmPercent", record.RearmPercent, 0, 50, errors);
                break;
            case WindowMoveRule move:
                Range(path + ".thresholdPercent", move.ThresholdPercent, 0.01m, 1000, errors);
                if ((move.Minutes is null) == (move.TradingDays is null))
                {
                    errors.Add(new ImportError(path + ".minutes", "give exactly one of minutes or tradingDays"));
                }
                else if (move.Minutes is { } minutes && minutes is < 1 or > IntradayHistory.MaxWindowMinutes)
                {
                    errors.Add(new ImportError(path + ".minutes", $"must be 1 to {IntradayHistory.MaxWindowMinutes}"));
                }
                else if (move.TradingDays is { } days && days is < 1 or > MaxTradingDays)
                {
                    errors.Add(new ImportError(path + ".tradingDays", $"must be 1 to {MaxTradingDays}"));
                }

                Range(path + ".rearmPoints", move.RearmPoints, 0, move.ThresholdPercent, errors);
                break;
            case ListingSpreadRule spread:
                ValidateSpread(path, spread, directory, errors);
                break;
            case VolumeSpikeRule spike:
                Range(path + ".multiple", spike.Multiple, 1.01m, 1000, errors);
                if (spike.Days is < 1 or > DailyHistory.MaxProfileDays)
                {
                    errors.Add(new ImportError(path + ".days", $"must be 1 to {DailyHistory.MaxProfileDays}"));
                }

                Range(path + ".rearmPercent", spike.RearmPercent, 0, 90, errors);
                break;
        }
    }

    private static void ValidateSpread(string path, ListingSpreadRule spread, CompanyDirectory directory, List<ImportError> errors)
    {
        if ((spread.Level is null) == (spread.MovePoints is null))
        {
            errors.Add(new ImportError(path + ".level", "give exactly one of level (a premium in percent) or movePoints"));
        }

        if (spread.Level is { } level)
        {
            Range(path + ".level", level, -99, 10_000, errors);
        }

        if (spread.MovePoints is { } points)
        {
            Range(path + ".movePoints", points, 0.01m, 1000, errors);
        }

        Range(path + ".hysteresisPoints", spread.HysteresisPoints, 0, 100, errors);
        if (spread.MaxQuoteAge <= TimeSpan.Zero || spread.MaxQuoteAge > TimeSpan.FromDays(7))
        {
            errors.Add(new ImportError(path + ".maxQuoteAge", "must be positive and at most 7 days"));
        }

        if (spread.FxSymbol is { } fx && (fx.Length is < 3 or > 32 || fx.Any(char.IsWhiteSpace)))
        {
            errors.Add(new ImportError(path + ".fxSymbol", "must be a quote symbol such as HKDCNY=X"));
        }

        for (var e = 0; e < spread.Companies.Companies.Count; e++)
        {
            if (directory.Find(spread.Companies.Companies[e]) is { } company && SpreadLegs.Resolve(spread, company) is null)
            {
                errors.Add(new ImportError($"{path}.companies.companies[{e}]", spread.Listing is null && spread.OtherListing is null
                    ? $"'{spread.Companies.Companies[e]}' has no pair of an SSE/SZSE and an HKEX listing"
                    : $"'{spread.Companies.Companies[e]}' does not have both listings named by listing and otherListing"));
            }
        }
    }

    private static void Range(string path, decimal value, decimal min, decimal max, List<ImportError> errors)
    {
        if (value < min || value > max)
        {
            errors.Add(new ImportError(path, $"must be {min} to {max}"));
        }
    }
}
