using System.CommandLine;
using System.Globalization;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Ports;
using Alerts.Host.Composition;
using Alerts.Host.Standalone;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

public static class DeliveriesCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant id", DefaultValueFactory = _ => Tenancy.DefaultTenant };
        var status = new Option<DeliveryStatus?>("--status") { Description = "Only deliveries with this status (Pending, Delivered, DeadLettered)" };
        var list = new Command("list", "List deliveries with their status, attempts and last error") { tenant, status };
        list.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await AlertsApp.OpenAsync(CliOptions.Settings(parse), LogLevel.Warning, cancellationToken);
            var wanted = parse.GetValue(status);
            var rows = (await app.Store.Deliveries.ListAsync(parse.GetValue(tenant)!, cancellationToken))
                .Where(d => wanted is null || d.Status == wanted)
                .OrderBy(d => d.CreatedAt);
            foreach (var d in rows)
            {
                Console.WriteLine(string.Join("  ", d.Id, d.ChannelId, d.Status, "attempts=" + d.AttemptCount.ToString(CultureInfo.InvariantCulture), d.LastError ?? string.Empty));
            }

            return 0;
        });

        var id = new Argument<string>("delivery-id");
        var redeliver = new Command("redeliver", "Put a dead-lettered delivery back in line and try it now") { tenant, id };
        redeliver.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliOptions.Settings(parse);
            await using var app = await AlertsApp.OpenAsync(settings, LogLevel.Warning, cancellationToken);
            var (owner, _) = DataDirectoryLock.TryAcquire(settings, "deliveries redeliver");
            using (owner)
            {
                var (message, problem) = await app.Get<DeadLetterRedelivery>().RedeliverAsync(parse.GetValue(tenant)!, parse.GetValue(id)!, cancellationToken);
                if (message is null)
                {
                    await Console.Error.WriteLineAsync("error: " + problem);
                    return 2;
                }

                if (owner is null)
                {
                    // A service runs on this store: the delivery is pending and due now, so its retry sweep sends it.
                    Console.WriteLine($"Redelivered {message.DeliveryId}: queued; the running service sends it at its next retry sweep ({settings.SweepSchedule}).");
                    return 0;
                }

                var report = await BatchRun.RunAsync(app.Get<InProcessPipeline>(), app.Get<IWorkRepository>(), [], [message], 1, deliveryEnabled: true, cancellationToken);
                var result = report.Deliveries.LastOrDefault(d => d.Message == message).Result;
                Console.WriteLine($"Redelivered {message.DeliveryId}: {result?.Outcome.ToString() ?? "queued"}");
                ReportPrinter.PrintPending(Console.Out, report with { PendingEvaluations = 0, PendingDeliveries = report.RetriesPending.Count }, deliveryEnabled: true);
                return result?.Outcome == DeliverOutcome.Delivered ? 0 : 1;
            }
        });

        var command = new Command("deliveries", "Inspect deliveries and redeliver dead letters: list/redeliver on the local store, log/retry/retry-since through a server") { list, redeliver };
        foreach (var verb in Client.AlertCommands.DeliveryVerbs())
        {
            command.Subcommands.Add(verb);
        }

        command.Options.Add(Client.ClientOptions.Server);
        command.Options.Add(Client.ClientOptions.ApiKey);
        command.Options.Add(Client.ClientOptions.Json);
        return command;
    }
}
