using System.CommandLine;
using Alerts.Host.Composition;
using Alerts.Host.Standalone;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

public static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Recorded events, one JSON event per line" };
        var command = new Command("replay", "Feed recorded events through the pipeline (deduped, evaluated, delivered)") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"error: {path.FullName} does not exist");
                return 2;
            }

            var (events, problems) = EventFile.Read(path.FullName);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync("skipped " + problem);
            }

            await using var app = await AlertsApp.OpenAsync(CliOptions.Settings(parse), LogLevel.Warning, cancellationToken);
            var report = await BatchRun.RunAsync(app.Get<InProcessPipeline>(), events, app.Settings.DeliveryWorkers, app.Settings.DeliveryEnabled, cancellationToken);
            ReportPrinter.PrintSummary(Console.Out, report, problems.Count);
            return 0;
        });
        return command;
    }
}
