using System.Globalization;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Host.Standalone;

namespace Alerts.Host.Demo;

/// <summary>Prints what the demo delivered to whom, one row per delivery, in the order the moments happened.</summary>
internal static class DemoReport
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static void Print(TextWriter output, BatchReport report, IReadOnlyDictionary<string, Channel> channels, int eventCount)
    {
        output.WriteLine($"Events read from the sample feeds: {eventCount} ({report.Accepted} new, {report.Duplicates} already processed).");
        if (report.Accepted == 0 && report.Alerts.Count == 0 && report.Deliveries.Count == 0)
        {
            output.WriteLine($"Nothing new: all {eventCount} events had been processed by an earlier run, so no alert was raised and nothing was delivered.");
            return;
        }

        var alerts = report.Alerts.GroupBy(a => a.Id).Select(g => g.First()).ToDictionary(a => a.Id);
        var rows = report.Deliveries
            .Where(d => d.Result.Delivery is not null)
            .Select(d => (Delivery: d.Result.Delivery!, d.Result.Outcome))
            .Where(d => alerts.ContainsKey(d.Delivery.AlertId))
            .OrderBy(d => alerts[d.Delivery.AlertId].OccurredAt)
            .ThenBy(d => d.Delivery.ChannelId, StringComparer.Ordinal)
            .ToList();

        output.WriteLine($"Alerts raised: {alerts.Count}. Deliveries: {rows.Count}.");
        output.WriteLine();
        var table = new List<string[]> { new[] { "When (UTC+8)", "Alert", "Rule", "To", "Result" } };
        foreach (var (delivery, outcome) in rows)
        {
            var alert = alerts[delivery.AlertId];
            var channel = channels.GetValueOrDefault(delivery.ChannelId);
            table.Add(
            [
                alert.OccurredAt.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Shorten(alert.Headline, 64),
                alert.RuleId,
                channel is null ? delivery.ChannelId : channel.Kind == ChannelKind.Email ? $"{channel.Name} <{channel.Target}>" : $"{channel.Name} ({channel.Kind.ToString().ToLowerInvariant()})",
                outcome == DeliverOutcome.Delivered ? "delivered" : outcome.ToString() + (delivery.LastError is null ? string.Empty : ": " + delivery.LastError),
            ]);
        }

        var widths = Enumerable.Range(0, 5).Select(c => table.Max(r => r[c].Length)).ToArray();
        for (var i = 0; i < table.Count; i++)
        {
            output.WriteLine(string.Join(" | ", table[i].Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (i == 0)
            {
                output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
            }
        }
    }

    /// <summary>What the chat teams saw, per platform, as each platform would show the heading.</summary>
    public static void PrintChats(TextWriter output, IEnumerable<ChatReceipt> receipts)
    {
        foreach (var platform in receipts.GroupBy(r => r.Platform).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{platform.Key} team received {platform.Count()} message(s):");
            foreach (var receipt in platform)
            {
                output.WriteLine("  " + Shorten(receipt.Heading, 110));
            }
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
