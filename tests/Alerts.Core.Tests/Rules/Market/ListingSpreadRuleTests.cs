using System.Globalization;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Rules;
using static Alerts.Core.Tests.Rules.Market.MarketTestData;

namespace Alerts.Core.Tests.Rules.Market;

public sealed class ListingSpreadRuleTests
{
    /// <summary>
    /// Runs "symbol:price@minute" steps (a = the A-share, h = the H-share, fx = HKDCNY=X) through the rule: '!' fired, '.' did
    /// not, '-' held back for a missing or stale quote.
    /// </summary>
    private static string Run(MarketScript script, string steps)
    {
        var fired = new System.Text.StringBuilder();
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (leg, rest) = (step[..step.IndexOf(':')], step[(step.IndexOf(':') + 1)..]);
            var price = decimal.Parse(rest[..rest.IndexOf('@')], CultureInfo.InvariantCulture);
            var minute = int.Parse(rest[(rest.IndexOf('@') + 1)..], CultureInfo.InvariantCulture);
            var (symbol, currency) = leg switch { "a" => (A, "CNY"), "h" => (H, "HKD"), "cnyhkd" => ("CNYHKD=X", ""), _ => (Fx, "") };
            var decision = script.Tick(symbol, price, Ten.AddMinutes(minute), currency: currency)!;
            fired.Append(decision.Fires ? '!' : decision.HeldBack ? '-' : '.');
        }

        return fired.ToString();
    }

    [Theory]
    // A-share premium = A / (H × HKDCNY) − 1; at fx 0.92 and H 80: A 100 → 35.9%, 101 → 37.2%, 98 → 33.2%, 99 → 34.5%
    [InlineData("level 35 above", "fx:0.92@0 h:80@0 a:100@1 a:101@2 a:98@3 a:100@4", "--!..!")]
    [InlineData("level 35 above, hovering inside the band", "fx:0.92@0 h:80@0 a:100@1 a:99@2 a:100@3", "--!..")]
    [InlineData("level 34 below", "fx:0.92@0 h:80@0 a:100@1 a:98@2 a:97@3 a:101@4 a:98@5", "--.!..!")]
    [InlineData("the H-share moving crosses too", "fx:0.92@0 a:100@0 h:82@1 h:80@2", "--.!")]
    [InlineData("the rate moving crosses too", "h:80@0 a:100@0 fx:0.95@1 fx:0.92@2", "--.!")]
    [InlineData("stale H-share", "fx:0.92@0 h:80@0 a:100@16", "---")]
    [InlineData("stale rate", "fx:0.92@0 h:80@15 a:100@16", "---")]
    [InlineData("missing rate", "h:80@0 a:100@1 a:101@2", "---")]
    [InlineData("moves by 3 points", "fx:0.92@0 h:80@0 a:100@1 a:102@2 a:103@3 a:101@4 a:99@5", "--..!.!")]
    public void Crosses_levels_and_moves_only_on_fresh_quotes_of_both_listings_and_the_rate(string name, string steps, string expected)
    {
        var rule = name switch
        {
            "level 34 below" => Spread(34m, direction: CrossDirection.Below),
            "moves by 3 points" => Spread(movePoints: 3m),
            _ => Spread(35m),
        };
        var script = new MarketScript(rule, ZhipuAh);

        Assert.Equal(expected, Run(script, steps));
    }

    [Fact]
    public void A_held_back_decision_names_the_missing_or_stale_quote()
    {
        var script = new MarketScript(Spread(), ZhipuAh);

        Run(script, "h:80@0 a:100@1");
        Assert.Equal("held back: no quote of HKDCNY=X", script.Last!.Reason);

        Run(script, "fx:0.92@2 a:100@16");
        Assert.Equal("held back: the quote of 2513.HK from 2026-01-08 02:00:00 +00:00 is older than 00:15:00", script.Last!.Reason);
        Assert.False(script.Last.Fires);
    }

    [Fact]
    public void The_alert_explains_the_premium_with_both_quotes_and_the_rate()
    {
        var script = new MarketScript(Spread(35m), ZhipuAh);
        Run(script, "fx:0.92@0 h:80@0");

        var decision = script.Tick(A, 100m, Ten.AddMinutes(1), currency: "CNY")!;
        var match = new RuleMatch(Spread(35m), "zhipu", ZhipuAh);
        var alert = AlertFactory.Create(match, MarketEvent.Of(new PriceTick(A, 100m, 0, 1, Ten.AddMinutes(1), "CNY", "quotes")), Ten, decision.Explanation);

        Assert.True(decision.Fires);
        Assert.Equal("A-share premium 35.9% (threshold 35%): 688999.SS CNY 100.00 vs 2513.HK HKD 80.00 at 0.92", decision.Explanation);
        Assert.Contains("A-share premium 35.9% (threshold 35%)", alert.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inverse_rate_is_inverted()
    {
        var script = new MarketScript(Spread(35m, fx: "CNYHKD=X"), ZhipuAh);

        Assert.Equal("--!", Run(script, "cnyhkd:1.0869565@0 h:80@0 a:100@1"));
        Assert.Contains("at 0.92", script.Last!.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_per_trading_day_follows_the_A_shares_exchange()
    {
        var script = new MarketScript(Spread(35m, frequency: Frequency.OncePerTradingDay), ZhipuAh);

        Assert.Equal("--!..", Run(script, "fx:0.92@0 h:80@0 a:100@1 a:98@2 a:100@3"));

        // Friday 9 January is the next SSE trading day; Thursday's quotes are stale by then, so the first two steps wait for fresh ones.
        Assert.Equal("--.!", Run(script, "fx:0.92@1440 h:80@1440 a:98@1440 a:100@1441"));
    }
}
