using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Core.Model;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Tencent;

/// <summary>
/// Parses <c>qt.gtimg.cn</c> quote bodies: one <c>v_&lt;code&gt;="f0~f1~…";</c> per line, GBK-encoded. Fields used (0-based):
/// 3 last price, 4 previous close, 6 volume, 30 time (A-shares <c>yyyyMMddHHmmss</c>, Hong Kong <c>yyyy/MM/dd HH:mm:ss</c>,
/// both Beijing/Hong Kong time).
/// </summary>
public static partial class TencentQuoteParser
{
    public const string Source = "tencent";

    private const int PriceField = 3;
    private const int PreviousCloseField = 4;
    private const int VolumeField = 6;
    private const int TimeField = 30;
    private const int MinimumDataFields = 5;

    // A-share volume is quoted in lots of 100 shares; Hong Kong volume is in shares. Ticks carry shares.
    private const long AShareLot = 100;

    private static readonly string[] TimeFormats = ["yyyyMMddHHmmss", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>Parses the raw response bytes; never hand this a string decoded as UTF-8.</summary>
    public static ParseResult<PriceTick> Parse(ReadOnlySpan<byte> body) => ParseText(GbkText.Decode(body));

    /// <summary>Parses a body already decoded with <see cref="GbkText"/>.</summary>
    public static ParseResult<PriceTick> ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collected = new ParseCollector<PriceTick>();
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var quoteLines = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var where = $"line {i + 1}";
            var match = QuoteLine().Match(lines[i]);
            if (!match.Success)
            {
                collected.Problem(where, "not a v_code=\"…\" quote line");
                continue;
            }

            quoteLines++;
            var code = match.Groups["code"].Value;
            var problem = TryMap(code, match.Groups["body"].Value.Split('~'), out var tick);
            if (problem is null)
            {
                collected.Add(tick!);
            }
            else
            {
                collected.Problem(where, $"{code}: {problem}");
            }
        }

        if (quoteLines == 0 && lines.Length > 0)
        {
            return ParseResult<PriceTick>.Malformed("Tencent quote response has no quote lines (an error page?)");
        }

        return collected.ToResult();
    }

    private static string? TryMap(string code, string[] fields, out PriceTick? tick)
    {
        tick = null;
        if (fields.Length < MinimumDataFields)
        {
            return "no data (unknown code or no quote)";
        }

        var symbol = TencentSymbols.ToCanonical(code);
        if (symbol is null)
        {
            return "market not supported";
        }

        if (fields.Length <= TimeField)
        {
            return $"only {fields.Length} fields, the time is field {TimeField}";
        }

        if (!TryDecimal(fields[PriceField], out var price) || price <= 0)
        {
            return $"no last price in field {PriceField} ('{fields[PriceField]}')";
        }

        if (!TryDecimal(fields[PreviousCloseField], out var previousClose))
        {
            return $"previous close in field {PreviousCloseField} is not a number ('{fields[PreviousCloseField]}')";
        }

        if (!TryDecimal(fields[VolumeField], out var volume))
        {
            return $"volume in field {VolumeField} is not a number ('{fields[VolumeField]}')";
        }

        if (!ChinaTime.TryParse(fields[TimeField], TimeFormats, out var time))
        {
            return $"time in field {TimeField} ('{fields[TimeField]}') is in no known format";
        }

        var hongKong = TencentSymbols.IsHongKong(code);
        var shares = (long)decimal.Round(volume) * (hongKong ? 1 : AShareLot);
        tick = new PriceTick(symbol, price, previousClose, shares, time, hongKong ? "HKD" : "CNY", Source);
        return null;
    }

    private static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    [GeneratedRegex(@"^v_(?<code>[A-Za-z0-9_]+)=""(?<body>[^""]*)""\s*;?$")]
    private static partial Regex QuoteLine();
}
