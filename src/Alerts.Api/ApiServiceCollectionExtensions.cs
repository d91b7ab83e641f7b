using Alerts.Api.Access;
using Alerts.Api.Page;
using Alerts.Api.Json;
using Alerts.Core;
using Alerts.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Everything <see cref="ApiEndpointRouteBuilderExtensions.MapAlertsApi"/> needs, on top of the pipeline's registrations
    /// (the <see cref="AlertStore"/>, its repositories, the notifiers): settings from <c>Alerts:Api</c>, key checks and rate
    /// limits, problem details, JSON and the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddAlertsApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        options.PublicBase = PublicBase(options.PublicBaseUrl, configuration["Alerts:HttpPort"]);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApiAccess>();
        services.AddSingleton<AbuseLimits>();
        services.TryAddSingleton<Catalog.CatalogValidator>();
        services.AddSingleton<Endpoints.RuleBinder>();
        services.AddSingleton<Endpoints.WatchlistsApi.Deps>();
        services.AddSingleton<Endpoints.SubscriptionsApi.Deps>();
        services.AddSingleton(sp => sp.GetRequiredService<AlertStore>().Tenants);
        services.AddSingleton(sp => sp.GetRequiredService<AlertStore>().ApiKeys);
        services.AddSingleton(sp => sp.GetRequiredService<AlertStore>().Aliases);
        services.AddSingleton(sp => new Companies.ListingApplications(sp.GetRequiredService<AlertStore>().EventsBySource));
        services.AddSingleton(sp => sp.GetRequiredService<AlertStore>().Catalog);
        services.AddSingleton<Endpoints.ChannelsApi.Deps>();
        services.AddSingleton(sp => sp.GetRequiredService<AlertStore>().Subscribers);
        services.AddSingleton<Subscribers.UnsubscribeTokens>();
        services.Replace(ServiceDescriptor.Singleton<Delivery.Email.IUnsubscribeLinks, Subscribers.UnsubscribeLinks>());
        services.AddSingleton<Subscribers.SignedTokens>();
        services.AddSingleton<Subscribers.SubscriberMail>();
        services.AddSingleton<Subscribers.SubscriberAccounts>();
        services.AddSingleton<Subscribers.EmailOptIn>();
        services.AddAlertsPage();
        // Unsubscribe links in sent emails must survive restarts: keys live with the data (standalone default ./data/keys).
        // The hosts register the store's key ring first (AlertsServices.AddAlertsPipeline): this is only for a host that did not.
        if (!services.Any(d => d.ServiceType == typeof(IDataProtectionProvider)))
        {
            var keys = options.KeysDirectory ?? Path.Combine(configuration["Alerts:DataDirectory"] is { Length: > 0 } data ? data : "data", "keys");
            services.AddDataProtection().SetApplicationName("Alerts").PersistKeysToFileSystem(new DirectoryInfo(keys));
        }
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = Errors.ApiErrors.AddCorrelationId);
        services.AddExceptionHandler<Errors.ApiExceptionHandler>();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        // One title whichever host serves the document (the default is the host's assembly name), so both modes describe one API.
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Alerts management API";
            document.Info.Description = "Watchlists, rules, channels, subscriptions, alerts and deliveries; the same API under `alerts run` and on Azure Functions.";
            return Task.CompletedTask;
        }));
        return services;
    }

    private static Uri PublicBase(string? configured, string? port)
    {
        var text = string.IsNullOrWhiteSpace(configured) ? $"http://127.0.0.1:{(string.IsNullOrWhiteSpace(port) ? "7780" : port)}/" : configured;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidSettingsException($"Alerts:Api:PublicBaseUrl '{configured}' must be an absolute http(s) URL without query, like https://alerts.example.com");
        }

        return uri;
    }
}
