using Alerts.Core;
using Alerts.Core.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Alerts.Host.Telemetry;

/// <summary>
/// OpenTelemetry for <c>alerts run</c>: the pipeline's <see cref="AlertsTelemetry"/> spans and metrics, exported with OTLP only
/// when an endpoint is configured (<c>Alerts:Telemetry:OtlpEndpoint</c>, else the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// Without one nothing is registered, so nothing is collected or sent. HTTP requests get spans too (health checks aside): a
/// pushed event's trace starts at its POST, which the sampler then follows through every stage.
/// </summary>
public static class StandaloneTelemetry
{
    public const string EndpointSetting = "Alerts:Telemetry:OtlpEndpoint";
    public const string ProtocolSetting = "Alerts:Telemetry:OtlpProtocol";
    public const string StandardEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string StandardProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    public static IServiceCollection AddStandaloneTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[EndpointSetting] is { Length: > 0 } own ? own : configuration[StandardEndpoint];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            throw new InvalidSettingsException($"{EndpointSetting} (or {StandardEndpoint}) must be an http or https URL; got '{endpoint}'.");
        }

        var protocol = Protocol(configuration[ProtocolSetting] is { Length: > 0 } chosen ? chosen : configuration[StandardProtocol]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("alerts"))
            .WithTracing(tracing => tracing
                .AddSource(AlertsTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddOtlpExporter(o => Configure(o, baseUri, protocol, "v1/traces")))
            .WithMetrics(metrics => metrics.AddMeter(AlertsTelemetry.Name).AddOtlpExporter(o => Configure(o, baseUri, protocol, "v1/metrics")));
        return services;
    }

    private static OtlpExportProtocol Protocol(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidSettingsException($"{ProtocolSetting} (or {StandardProtocol}) must be 'grpc' or 'http/protobuf'; got '{value}'."),
    };

    /// <summary>gRPC takes the collector's base address; HTTP/protobuf posts each signal to its own path under it.</summary>
    private static void Configure(OtlpExporterOptions options, Uri baseUri, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/" + signalPath) : baseUri;
    }
}
