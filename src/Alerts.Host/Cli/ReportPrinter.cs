using System.Globalization;
using Alerts.Core.Handlers;
using Alerts.Host.Standalone;

namespace Alerts.Host.Cli;

internal static class ReportPrinter
{
    public static void PrintSummary(TextWriter output, BatchReport report, int skippedLines, bool deliveryEnabled)
    {
        var last = report.Deliveries.GroupBy(d => (d.Message.TenantId, d.Message.DeliveryId)).Select(g => g.Last().Result.Outcome).ToList();
        var delivered = last.Count(o => o == DeliverOutcome.Delivered);
        var dead = last.Count(o => o == DeliverOutcome.DeadLettered);
        output.WriteLine($"Events: {report.Accepted} new, {report.Duplicates} already seen, {report.Rejected.Count + skippedLines} rejected.");
        output.WriteLine($"Alerts raised: {report.Alerts.Count}. Deliveries: {delivered} delivered, {report.RetriesPending.Count} retry scheduled, {dead} dead-lettered.");
        foreach (var rejected in report.Rejected)
        {
            output.WriteLine("  rejected " + rejected);
        }

        PrintPending(output, report, deliveryEnabled);
    }

    /// <summary>Says exactly what this command leaves behind, and when it will be sent.</summary>
    public static void PrintPending(TextWriter output, BatchReport report, bool deliveryEnabled)
    {
        if (report.RetriesPending.Count > 0)
        {
            var first = report.RetriesPending[0].NextAttemptAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
            output.WriteLine($"{report.RetriesPending.Count} delivery(ies) from this run wait for a retry (the first at {first}); `alerts run` sends each when it is due.");
        }

        if (report.PendingEvaluations + report.PendingDeliveries > report.RetriesPending.Count)
        {
            var why = deliveryEnabled ? "left by earlier runs or failed here" : "delivery is paused (Alerts:DeliveryEnabled=false)";
            output.WriteLine($"Pending in the store: {report.PendingEvaluations} evaluation(s), {report.PendingDeliveries} delivery(ies) ({why}); "
                + "the next `alerts run` on this data directory picks them up at start.");
        }
    }
}
