using System.Diagnostics;
using Alerts.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Functions.Extensions;

public static class ManagementApiServiceCollectionExtensions
{
    /// <summary>The management API (issue 9) in the Functions app: the API's services, routing, and the pipeline the HTTP trigger calls.</summary>
    public static IServiceCollection AddAlertsManagementApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAlertsApi(configuration);
        services.AddRouting();
        services.TryAddSingleton(new DiagnosticListener("Alerts.Functions.ManagementApi"));
        services.AddSingleton<ManagementApiPipeline>();
        return services;
    }
}
