using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Alerts.Host.Functions;

/// <summary>
/// The custom handler process: Kestrel on 127.0.0.1:<c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, the function routes, and the
/// pipeline opened in the background once the server listens. Logs are single lines: Information and Warning to stdout (the
/// host logs them as information), Error and above to stderr (the host logs stderr lines as errors).
/// </summary>
public static class FunctionsHost
{
    /// <summary>Set by the Functions host on the handler process; the port the host calls.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static WebApplication Build(IConfiguration configuration, int port)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddConfiguration(configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(sp => new FunctionsPipeline(configuration, sp.GetRequiredService<ILoggerFactory>()));

        var app = builder.Build();
        app.MapFunctionEndpoints();
        var pipeline = app.Services.GetRequiredService<FunctionsPipeline>();
        app.Lifetime.ApplicationStarted.Register(() => pipeline.WarmUp(app.Lifetime.ApplicationStopping));
        return app;
    }

    /// <summary>The port from <paramref name="explicitPort"/> or the environment; null when neither gives a valid one.</summary>
    public static int? ResolvePort(int? explicitPort)
    {
        if (explicitPort is { } given)
        {
            return given is >= 0 and <= 65535 ? given : null;
        }

        return int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port) && port is > 0 and <= 65535 ? port : null;
    }
}
