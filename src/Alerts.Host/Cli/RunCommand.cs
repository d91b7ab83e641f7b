using Alerts.Api;
using Alerts.Api.Errors;
using Alerts.Hosting;
using System.CommandLine;
using System.Net;
using Alerts.Host.Composition;
using Alerts.Hosting.Configuration;
using Alerts.Host.Standalone;
using Alerts.Host.Telemetry;
using Alerts.Host.Web;
using Alerts.Sources.Feeds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Cli;

public static class RunCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = "Loopback HTTP port for /health and /api/events (default 7780)" };
        var command = new Command("run", "Run the service on the embedded default: scheduled polls, queue pumps, SQLite store, HTTP on loopback") { port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(port) is { } chosen)
            {
                overrides["Alerts:HttpPort"] = chosen.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var configuration = SettingsLoader.Configuration(CliOverrides(parse, overrides));
            var settings = SettingsLoader.Load(configuration);
            using var owner = await PipelineOwnership.AcquireAsync(settings, "run", "stop it first, or give this one its own --data directory.");
            if (owner is null)
            {
                return 3;
            }

            var store = await StoreFactory.OpenAsync(settings, cancellationToken);

            var builder = WebApplication.CreateSlimBuilder();
            builder.Configuration.AddConfiguration(configuration);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.HttpPort));
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // start-up failures are reported below, in one line
            builder.Services.AddAlertsPipeline(settings, store, deliveriesHandedOffInMemory: true);
            builder.Services.AddAlertsApi(configuration);
            builder.Services.AddStandaloneTelemetry(builder.Configuration);
            builder.Services.AddAlertsSources(SourceSettings.Load(configuration, settings), store);
            builder.Services.AddSingleton<InProcessPipeline>();
            builder.Services.AddHostedService<StandaloneWorker>();
            builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = settings.ShutdownGrace + TimeSpan.FromSeconds(10));

            await using var app = builder.Build();
            app.UseAlertsErrors();
            app.MapStandaloneEndpoints();
            app.MapAlertsApi();
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await Console.Error.WriteLineAsync(
                    $"error: port {settings.HttpPort} on 127.0.0.1 is already in use by another program; choose another with --port or Alerts:HttpPort.");
                return 4;
            }

            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static Dictionary<string, string?> CliOverrides(ParseResult parse, Dictionary<string, string?> overrides)
    {
        if (parse.GetValue(CliOptions.DataDirectory) is { } data)
        {
            overrides["Alerts:DataDirectory"] = data;
        }

        return overrides;
    }
}
