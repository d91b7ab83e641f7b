using Alerts.Core.Telemetry;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Alerts.Functions.Extensions;

/// <summary>
/// OpenTelemetry in the worker: the Functions invocation spans and resource (Worker.OpenTelemetry), the pipeline's own
/// <see cref="AlertsTelemetry"/> spans and metrics, exported to Application Insights when its connection string is set,
/// signing in with the same identity as everything else (local auth is off on the component).
/// </summary>
public static class TelemetryExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddAlertsTelemetry(this IServiceCollection services, IConfiguration configuration, FunctionsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(AlertsTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(AlertsTelemetry.Name));
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = settings.Storage.ClientId is { } clientId
                    ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                    : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
            });
        }

        return services;
    }
}
