using System.CommandLine;
using Alerts.Core.Catalog;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Delivery.Webhooks;
using Alerts.Host.Composition;
using Alerts.Host.Demo;
using Alerts.Host.Import;
using Alerts.Host.Standalone;
using Alerts.Sources.Samples;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command(
            "demo",
            "Run the Zhipu / MiniMax STAR Market story (bundled real-format feed samples) through the whole pipeline; print what was delivered to whom");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = CliOptions.Settings(parse);
            settings.AllowedPrivateHosts.Add("127.0.0.1"); // the team's webhook endpoint is an in-process loopback server
            using var owner = await PipelineOwnership.AcquireAsync(settings, "demo", "stop it first, or give the demo its own --data directory.");
            if (owner is null)
            {
                return 3;
            }

            await using var app = await AlertsApp.OpenAsync(settings, LogLevel.Warning, cancellationToken);

            var secret = await TeamSecretAsync(app, cancellationToken);
            WebhookSecret.TryParse(secret, out var parsedSecret);
            await using var sink = await WebhookSink.StartAsync(parsedSecret!, cancellationToken);
            await using var chats = await ChatSinks.StartAsync(cancellationToken);
            var catalog = DemoCatalog.Build(sink.Url, secret, chats.SlackUrl, chats.TeamsUrl);
            await app.Get<CatalogImporter>().WriteAsync(catalog, cancellationToken);
            app.Get<ICatalogSource>().Invalidate();

            var events = SampleData.LoadDemoEvents();
            Console.WriteLine("Alerts demo: Zhipu (HKEX 2513) and MiniMax (HKEX 0100) on the way to the Shanghai STAR Market.");
            Console.WriteLine($"Store: {Path.GetFullPath(settings.ResolvedDatabasePath)}; email outbox: {Path.GetFullPath(settings.ResolvedOutboxDirectory)}");
            var report = await BatchRun.RunAsync(app.Get<InProcessPipeline>(), app.Store.Work, events, [], settings.DeliveryWorkers, deliveryEnabled: true, cancellationToken);

            DemoReport.Print(Console.Out, report, catalog.Channels.ToDictionary(c => c.Id), events.Count);
            var failedDeliveries = report.Deliveries.Count(d => d.Result.Outcome is not (DeliverOutcome.Delivered or DeliverOutcome.AlreadyFinished));
            var unverified = sink.Receipts.Count(r => !r.Verified);
            Console.WriteLine();
            Console.WriteLine($"Webhook endpoint received {sink.Receipts.Count} request(s); {sink.Receipts.Count - unverified} with a valid signature.");
            DemoReport.PrintChats(Console.Out, chats.Receipts);
            return failedDeliveries == 0 && unverified == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>The team's signing secret is kept across runs, as a real endpoint's would be.</summary>
    private static async Task<string> TeamSecretAsync(AlertsApp app, CancellationToken cancellationToken)
    {
        var existing = await app.Store.Channels.GetAsync(Tenancy.DefaultTenant, DemoCatalog.TeamChannel, cancellationToken);
        return existing?.Secret is { } secret && WebhookSecret.TryParse(secret, out _) ? secret : WebhookSecret.Generate();
    }
}
