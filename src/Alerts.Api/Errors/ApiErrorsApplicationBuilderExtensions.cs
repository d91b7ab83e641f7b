using Microsoft.AspNetCore.Builder;

namespace Alerts.Api.Errors;

public static class ApiErrorsApplicationBuilderExtensions
{
    /// <summary>
    /// For hosts: an exception anywhere in the pipeline, and an error status with no body (an unknown route, a wrong method),
    /// are answered as problem details with a correlation id. Call before mapping endpoints.
    /// </summary>
    public static IApplicationBuilder UseAlertsErrors(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
