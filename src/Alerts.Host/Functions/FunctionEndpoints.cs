using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Functions;

/// <summary>What a function body is given: the opened pipeline's services, the pipeline itself, and a logger named after the function.</summary>
public sealed record FunctionServices(IServiceProvider Services, FunctionsPipeline Pipeline, ILogger Logger);

public delegate Task<InvocationResult> FunctionBody(Invocation invocation, FunctionServices services, CancellationToken cancellationToken);

/// <summary>
/// The custom handler's routes: <c>GET /</c> for the host's readiness probe, and <c>POST /{FunctionName}</c> for every entry
/// of <see cref="FunctionRegistry.All"/>, each bound to its body in the table below. A registered function without a body
/// fails at start-up, so function.json folders and routes cannot drift apart.
/// </summary>
public static partial class FunctionEndpoints
{
    private static readonly Dictionary<string, FunctionBody> Bodies = new(StringComparer.Ordinal)
    {
        ["PollSources"] = TimerFunctions.PollSourcesAsync,
        ["RetryDue"] = TimerFunctions.RetryDueAsync,
        ["IngestPrices"] = QueueFunctions.IngestPricesAsync,
        ["EvaluateEvent"] = QueueFunctions.EvaluateEventAsync,
        ["DeliverAlert"] = QueueFunctions.DeliverAlertAsync,
        ["PushEvents"] = HttpFunctions.PushEventsAsync,
        ["Health"] = HttpFunctions.HealthAsync,
    };

    public static IEndpointRouteBuilder MapFunctionEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Any response counts as ready; this one does no work, so it answers while the store is still opening.
        app.MapGet("/", () => Results.Text("Alerts custom handler is ready.\n"));
        foreach (var function in FunctionRegistry.All)
        {
            if (!Bodies.TryGetValue(function.Name, out var body))
            {
                throw new InvalidOperationException($"Function {function.Name} is registered but has no handler body in {nameof(FunctionEndpoints)}.");
            }

            RequestDelegate invoke = http => InvokeAsync(function, body, http);
            app.MapPost("/" + function.Name, invoke).WithName(function.Name);
        }

        return app;
    }

    private static async Task InvokeAsync(FunctionDefinition function, FunctionBody body, HttpContext http)
    {
        var result = await RunAsync(function, body, http);
        await result.ExecuteAsync(http);
    }

    private static async Task<IResult> RunAsync(FunctionDefinition function, FunctionBody body, HttpContext http)
    {
        var pipeline = http.RequestServices.GetRequiredService<FunctionsPipeline>();
        var loggers = http.RequestServices.GetRequiredService<ILoggerFactory>();
        var cancellationToken = http.RequestAborted;
        var logger = loggers.CreateLogger("Alerts.Functions." + function.Name);
        var (invocation, problem) = await Invocation.ReadAsync(function, http.Request, cancellationToken);
        if (invocation is null)
        {
            LogBadEnvelope(logger, function.Name, problem!);
            return InvocationResult.BadRequest(function, problem!);
        }

        try
        {
            var services = await pipeline.GetAsync(cancellationToken);
            var result = await body(invocation, new FunctionServices(services, pipeline, logger), cancellationToken);
            return result.ToHttpResult();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Failing is the retry: the host abandons a queue message (redelivery) or runs a timer's retry policy.
            LogFailed(logger, exception, function.Name, invocation.InvocationId);
            return new InvocationResult(function).Fail($"{function.Name} failed: {exception.GetType().Name}: {exception.Message}").ToHttpResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: the request is not an invocation envelope: {Problem}")]
    private static partial void LogBadEnvelope(ILogger logger, string function, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} invocation {InvocationId} failed; answering 500 so the host retries")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string? invocationId);
}
