using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Alerts.Host.Standalone;
using Alerts.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Composition;

/// <summary>An opened store plus the assembled pipeline, for the CLI commands that run without the web host.</summary>
public sealed class AlertsApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private AlertsApp(AlertsSettings settings, AlertStore store, ServiceProvider services)
    {
        Settings = settings;
        Store = store;
        _services = services;
    }

    public AlertsSettings Settings { get; }

    public AlertStore Store { get; }

    public IServiceProvider Services => _services;

    public static async Task<AlertsApp> OpenAsync(AlertsSettings settings, LogLevel minimumLevel, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var store = await StoreFactory.OpenAsync(settings, cancellationToken);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(minimumLevel));
        services.AddAlertsPipeline(settings, store, deliveriesHandedOffInMemory: true);
        services.AddSingleton<InProcessPipeline>();
        services.AddSingleton<Alerts.Api.Catalog.CatalogValidator>();
        services.AddSingleton<Import.CatalogImporter>();
        configure?.Invoke(services);
        return new AlertsApp(settings, store, services.BuildServiceProvider());
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
