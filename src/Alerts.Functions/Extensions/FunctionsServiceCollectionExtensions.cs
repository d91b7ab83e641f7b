using Alerts.Delivery.Email;
using Alerts.Hosting;
using Alerts.Sources.Feeds;
using Alerts.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Functions.Extensions;

/// <summary>The app's wiring: Program.cs and the tests call exactly these.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Reads and checks the settings (<see cref="FunctionsSettings.Load"/>), then opens the Table Storage store and the queues.</summary>
    public static async Task<(FunctionsSettings Settings, AlertStore Store)> OpenAlertsAsync(this IConfiguration configuration, CancellationToken cancellationToken)
    {
        var settings = FunctionsSettings.Load(configuration);
        var store = await StoreFactory.OpenAsync(settings.Alerts, configuration, cancellationToken);
        await new AlertQueues(settings.Storage.CreateQueueServiceClient(), TimeProvider.System).EnsureCreatedAsync(cancellationToken);
        return (settings, store);
    }

    public static IServiceCollection AddAlertsFunctions(this IServiceCollection services, FunctionsSettings settings, AlertStore store)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddAlertsPipeline(settings.Alerts, store);
        services.AddAlertsSources(settings.Sources, store);

        // No outbox on Azure (the package is read-only, /tmp is per instance): email goes through SendGrid or is dead-lettered.
        foreach (var outbox in services.Where(d => d.ImplementationType == typeof(OutboxEmailNotifier)).ToList())
        {
            services.Remove(outbox);
        }

        services.AddSingleton(settings);
        services.AddSingleton(_ => settings.Storage.CreateQueueServiceClient());
        services.AddSingleton<AlertQueues>();
        services.AddSingleton<SourcePollSchedule>();
        services.AddSingleton<PoisonedWork>();
        services.AddSingleton<EmailReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailReadiness>());
        return services;
    }
}
