using Alerts.Api;
using Alerts.Api.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Functions.Extensions;

/// <summary>
/// The management API as `alerts run` serves it, built once from <see cref="ApiEndpointRouteBuilderExtensions.MapAlertsApi"/>
/// into an ASP.NET Core request pipeline (routing, the API's endpoints, problem details for errors) that the catch-all HTTP
/// trigger hands each request to. The worker has already matched the function's own route; this pipeline matches the
/// API's routes on the original path, so both hosts answer the same routes the same way.
/// </summary>
public sealed class ManagementApiPipeline
{
    private readonly IServiceProvider _services;
    private readonly RequestDelegate _pipeline;

    public ManagementApiPipeline(IServiceProvider services)
    {
        _services = services;
        var app = new ApplicationBuilder(services);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                await ApiErrors.Unexpected(context, exception).ExecuteAsync(context);
            }
        });
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseEndpoints(endpoints => endpoints.MapAlertsApi());
        _pipeline = app.Build();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outer = context.RequestServices;
        await using var scope = _services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        context.SetEndpoint(null); // the worker's own match: routing must match the API's routes afresh
        context.Request.RouteValues.Clear();
        try
        {
            await _pipeline(context);
        }
        finally
        {
            context.RequestServices = outer;
        }
    }
}
