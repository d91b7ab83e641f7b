using Alerts.Api.Errors;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Alerts.Functions.Extensions;

/// <summary>An HTTP function that throws answers with problem details and a correlation id (logged with the exception), never the exception.</summary>
internal sealed class HttpProblemsMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { } http && !http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            await ApiErrors.Unexpected(http, exception).ExecuteAsync(http);
        }
    }
}
