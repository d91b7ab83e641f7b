using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Core.Model;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Sina;

/// <summary>
/// Parses <c>hq.sinajs.cn</c> bodies: one <c>var hq_str_&lt;code&gt;="f0,f1,…";</c> per line, GBK-encoded; an unknown code
/// gives an empty string. A-shares: 2 previous close, 3 price, 8 volume (shares), 30 date, 31 time. Hong Kong: 3 previous
/// close, 6 last, 12 volume (shares), 17 date <c>yyyy/MM/dd</c>, 18 time <c>HH:mm[:ss]</c>. Times are Beijing/Hong Kong time.
/// Without Sina's Referer the answer is <c>Forbidden</c> or empty, which is reported as such.
/// </summary>
public static partial class SinaQuoteParser
{
    public const string Source = "sina";

    private static readonly string[] AShareTimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"];
    private static readonly string[] HongKongTimeFormats = ["yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm"];

    /// <summary>Parses the raw response bytes (GBK); never hand this a string decoded as UTF-8.</summary>
    public static ParseResult<PriceTick> Parse(ReadOnlySpan<byte> body) => ParseText(GbkText.Decode(body));

    public static ParseResult<PriceTick> ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            return ParseResult<PriceTick>.Malformed("Sina answered with an empty body (it does so without its Referer https://finance.sina.com.cn)");
        }

        var collected = new ParseCollector<PriceTick>();
        var quoteLines = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = QuoteLine().Match(lines[i]);
            if (!match.Success)
            {
                collected.Problem($"line {i + 1}", "not a var hq_str_code=\"…\" quote line");
                continue;
            }

            quoteLines++;
            var code = match.Groups["code"].Value;
            var problem = TryMap(code, match.Groups["body"].Value, out var tick);
            collected.Add($"line {i + 1}", tick, problem is null ? null : $"{code}: {problem}");
        }

        if (quoteLines == 0)
        {
            var start = lines[0].Length > 40 ? lines[0][..40] + "…" : lines[0];
            return ParseResult<PriceTick>.Malformed($"Sina answered without quote lines ('{start}'; without its Referer it says Forbidden)");
        }

        return collected.ToResult();
    }

    private static string? TryMap(string code, string body, out PriceTick? tick)
    {
        tick = null;
        if (body.Length == 0)
        {
            return "no data (unknown code or no quote)";
        }

        if (SinaSymbols.ToCanonical(code) is not { } symbol)
        {
            return "market not supported";
        }

        var fields = body.Split(',');
        var hongKong = SinaSymbols.IsHongKong(code);
        var (price, previous, volume, date, time) = hongKong ? (6, 3, 12, 17, 18) : (3, 2, 8, 30, 31);
        if (fields.Length <= time)
        {
            return $"only {fields.Length} fields, the time is field {time}";
        }

        if (!TryDecimal(fields[price], out var last) || last <= 0)
        {
            return $"no last price in field {price} ('{fields[price]}')";
        }

        if (!TryDecimal(fields[previous], out var previousClose))
        {
            return $"previous close in field {previous} is not a number ('{fields[previous]}')";
        }

        if (!TryDecimal(fields[volume], out var shares))
        {
            return $"volume in field {volume} is not a number ('{fields[volume]}')";
        }

        var stamp = fields[date].Trim() + " " + fields[time].Trim();
        if (!ChinaTime.TryParse(stamp, hongKong ? HongKongTimeFormats : AShareTimeFormats, out var at))
        {
            return $"time in fields {date}/{time} ('{stamp}') is in no known format";
        }

        tick = new PriceTick(symbol, last, previousClose, (long)decimal.Round(shares), at, hongKong ? "HKD" : "CNY", Source);
        return null;
    }

    private static bool TryDecimal(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    [GeneratedRegex(@"^var\s+hq_str_(?<code>[A-Za-z0-9_]+)\s*=\s*""(?<body>[^""]*)""\s*;?$")]
    private static partial Regex QuoteLine();
}
