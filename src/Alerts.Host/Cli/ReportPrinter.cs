using Alerts.Core.Handlers;
using Alerts.Host.Standalone;

namespace Alerts.Host.Cli;

internal static class ReportPrinter
{
    public static void PrintSummary(TextWriter output, BatchReport report, int skippedLines)
    {
        var delivered = report.Deliveries.Count(d => d.Result.Outcome == DeliverOutcome.Delivered);
        var retrying = report.Deliveries.Count(d => d.Result.Outcome == DeliverOutcome.RetryScheduled);
        var dead = report.Deliveries.Count(d => d.Result.Outcome == DeliverOutcome.DeadLettered);
        output.WriteLine($"Events: {report.Accepted} new, {report.Duplicates} already seen, {report.Rejected.Count + skippedLines} rejected.");
        output.WriteLine($"Alerts raised: {report.Alerts.Count}. Deliveries: {delivered} delivered, {retrying} retry scheduled, {dead} dead-lettered.");
        foreach (var rejected in report.Rejected)
        {
            output.WriteLine("  rejected " + rejected);
        }
    }
}
