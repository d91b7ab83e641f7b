using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Api.Errors;

/// <summary>
/// How every HTTP answer of both hosts reports a failure: RFC 9457 problem details carrying a <c>correlationId</c> that the
/// error log carries too, and never an exception message, stack trace or store detail. The correlation id is the request's
/// W3C trace id (the operation id in Application Insights) when a trace is running, else the request's trace identifier.
/// </summary>
public static partial class ApiErrors
{
    public const string CorrelationIdMember = "correlationId";

    public static string CorrelationId(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : context.TraceIdentifier;
    }

    /// <summary>Adds the correlation id to every problem written through <see cref="IProblemDetailsService"/>.</summary>
    public static void AddCorrelationId(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ProblemDetails.Extensions[CorrelationIdMember] = CorrelationId(context.HttpContext);
    }

    /// <summary>The answer to a failure nobody anticipated: logged with the exception, answered without it.</summary>
    public static IResult Unexpected(HttpContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        var correlationId = CorrelationId(context);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Alerts.Api.Errors");
        if (status >= 500)
        {
            LogFailed(logger, exception, context.Request.Method, RouteOf(context), correlationId);
        }
        else
        {
            LogRefused(logger, context.Request.Method, RouteOf(context), status, correlationId);
        }

        var (title, detail) = status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", "the body is larger than this endpoint accepts"),
            >= 500 => ("The server could not complete the request", $"an unexpected error occurred; it is logged under correlation id {correlationId}"),
            _ => ("Bad request", "the request could not be read"),
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { [CorrelationIdMember] = correlationId });
    }

    /// <summary>An endpoint filter: what an endpoint throws becomes <see cref="Unexpected"/>, in whichever host mounts the API.</summary>
    public static async ValueTask<object?> CatchAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocation);
        }
        catch (Exception exception) when (!invocation.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Unexpected(invocation.HttpContext, exception);
        }
    }

    /// <summary>The route template, not the path: paths and query strings may hold tokens.</summary>
    private static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint route ? route.RoutePattern.RawText ?? "?" : "(no route)";

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Route} failed; answered 500 with correlation id {CorrelationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string route, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Route} refused with {Status}; correlation id {CorrelationId}")]
    private static partial void LogRefused(ILogger logger, string method, string route, int status, string correlationId);
}

/// <summary>The hosts' last line (<c>UseExceptionHandler</c>): anything no endpoint filter caught is answered the same way.</summary>
internal sealed class ApiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        await ApiErrors.Unexpected(httpContext, exception).ExecuteAsync(httpContext);
        return true;
    }
}
