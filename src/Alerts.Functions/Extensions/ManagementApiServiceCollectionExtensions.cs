using System.Diagnostics;
using Alerts.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Functions.Extensions;

public static class ManagementApiServiceCollectionExtensions
{
    /// <summary>
    /// The management API (issue 9) and the subscriber page beside it (issue 10) in the Functions app: their services, routing,
    /// and the pipeline the HTTP triggers call.
    /// </summary>
    public static IServiceCollection AddAlertsManagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlertsApi(configuration);
        services.AddRouting();
        services.TryAddSingleton<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(
            provider => new FunctionsWebHostEnvironment(provider.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()));
        services.TryAddSingleton(new DiagnosticListener("Alerts.Functions.ManagementApi"));
        services.AddSingleton<ManagementApiPipeline>();
        return services;
    }
}
