using Alerts.Hosting;
using Alerts.Host.Composition;
using Alerts.Hosting.Configuration;
using Alerts.Sources.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Functions;

/// <summary>
/// The handlers and their store, opened after the web server is listening: the host's readiness probe (<c>GET /</c>) is
/// answered at once, while opening the store (creating tables on Azure, seeding reference companies) happens in the
/// background and is awaited by the first invocation. If opening fails (the store is unreachable), that invocation fails
/// with a 500 (so the message is redelivered) and the next invocation tries again; the process never crash-loops.
/// </summary>
public sealed partial class FunctionsPipeline(IConfiguration configuration, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger = loggers.CreateLogger<FunctionsPipeline>();
    private ServiceProvider? _services;

    /// <summary>The store backend configured ("tables" or "sqlite"), for the health report.</summary>
    public string StoreKind { get; } = StoreFactory.Describe(configuration);

    /// <summary>The queue's max delivery count (<see cref="FunctionRegistry.MaxQueueDeliveryCountSetting"/>, default 10).</summary>
    public int MaxQueueDeliveryCount { get; } = configuration.GetValue("Alerts:MaxQueueDeliveryCount", 10);

    public async ValueTask<IServiceProvider> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _services) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_services is null)
            {
                var services = await BuildAsync(cancellationToken);
                Volatile.Write(ref _services, services);
            }

            return _services;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts opening the store in the background; a failure is logged and retried by the first invocation.</summary>
    public void WarmUp(CancellationToken cancellationToken) =>
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await GetAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                }
                catch (Exception exception)
                {
                    LogWarmUpFailed(_logger, exception);
                }
            },
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<ServiceProvider> BuildAsync(CancellationToken cancellationToken)
    {
        var settings = SettingsLoader.Load(configuration);
        var store = await StoreFactory.OpenAsync(settings, configuration, cancellationToken);
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddLogging();
        services.AddAlertsPipeline(settings, store);
        services.AddFeedSources(SourceSettings.Load(configuration, settings));
        var provider = services.BuildServiceProvider();
        LogOpened(_logger, StoreKind);
        return provider;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pipeline ready on the {Store} store")]
    private static partial void LogOpened(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Opening the store in the background failed; the first invocation will try again")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
