using System.CommandLine;
using Alerts.Core.Ports;
using Alerts.Host.Composition;
using Alerts.Host.Standalone;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

public static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Recorded events, one JSON event per line" };
        var oneByOne = new Option<bool>("--one-by-one") { Description = "Wait for each event to be fully handled before reading the next (the old way; for comparisons)", Hidden = true };
        var command = new Command("replay", "Feed recorded events through the pipeline (deduped, evaluated, delivered)") { file, oneByOne };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return 2;
            }

            var settings = CliOptions.Settings(parse);
            using var owner = await PipelineOwnership.AcquireAsync(settings, "replay", "push the events to it (POST /api/events) or stop it first.");
            if (owner is null)
            {
                return 3;
            }

            var (events, problems) = EventFile.Read(path.FullName);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync("skipped " + problem);
            }

            await using var app = await AlertsApp.OpenAsync(settings, LogLevel.Warning, cancellationToken);
            var report = await BatchRun.RunAsync(
                app.Get<InProcessPipeline>(), app.Get<IWorkRepository>(), events, [], settings.DeliveryWorkers, settings.DeliveryEnabled, cancellationToken, parse.GetValue(oneByOne));
            ReportPrinter.PrintSummary(Console.Out, report, problems.Count, settings.DeliveryEnabled);
            return 0;
        });
        return command;
    }
}
