using Alerts.Functions.Extensions;
using Alerts.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Tests.Support;

/// <summary>
/// The app as Program.cs assembles it (settings checked, store and queues opened, <c>AddAlertsFunctions</c>) over Azurite.
/// Function classes are created the way the worker creates them: from the container, one per invocation.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    public const string AdminKey = "admin-key-for-functions-tests-0123";

    private readonly ServiceProvider _services;

    private FunctionsApp(ServiceProvider services, AlertStore store, RecordingLogs logs, AzuriteStorage azurite)
    {
        _services = services;
        Store = store;
        Logs = logs;
        Azurite = azurite;
    }

    public AlertStore Store { get; }

    public RecordingLogs Logs { get; }

    public AzuriteStorage Azurite { get; }

    public IServiceProvider Services => _services;

    /// <summary>The settings an emulator run needs; <paramref name="overrides"/> win (null removes a setting).</summary>
    public static Dictionary<string, string?> Settings(AzuriteStorage azurite, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Alerts:Tables:ConnectionString"] = azurite.ConnectionString,
            ["PollSchedule"] = "0 * * * * *",
            ["RetryDueSchedule"] = "*/30 * * * * *",
            ["RetentionSchedule"] = "0 30 3 * * *",
            ["Alerts:PollSources"] = "false",
            // A test that polls names its loopback feeds; none of the built-in sources (the real sites) is added to them, and the
            // sample feeds' dates are not history.
            ["Alerts:BuiltInSources"] = "false",
            ["Alerts:SourceLookBack"] = "3650.00:00:00",
            ["Alerts:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Alerts:RetryBaseDelay"] = "00:00:01",
            ["Alerts:Api:AdminKey"] = AdminKey,
            ["Alerts:DataProtection:KeyEncryptionKey"] = "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=", // tests only
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return values;
    }

    /// <param name="clock">Replaces the system clock for every handler (the last registration of TimeProvider wins).</param>
    public static async Task<FunctionsApp> StartAsync(AzuriteStorage azurite, IReadOnlyDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(azurite, overrides).Where(p => p.Value is not null)).Build();
        var (settings, store) = await configuration.OpenAlertsAsync(CancellationToken.None);
        var logs = new RecordingLogs();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // What the worker's host builder registers before Program.cs runs (the OpenAPI document asks for it).
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            ApplicationName = "Alerts.Functions", EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory,
            ContentRootFileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
        });
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddAlertsFunctions(settings, store);
        services.AddAlertsManagementApi(configuration);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        return new FunctionsApp(services.BuildServiceProvider(), store, logs, azurite);
    }

    public T Function<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(_services);

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Takes every visible message off a queue (what the host would hand to the trigger next).</summary>
    public async Task<IReadOnlyList<QueueMessage>> DrainAsync(string queue)
    {
        var client = Azurite.Queue(queue);
        var all = new List<QueueMessage>();
        while (true)
        {
            QueueMessage[] batch = (await client.ReceiveMessagesAsync(maxMessages: 32, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return all;
            }

            foreach (var message in batch)
            {
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }

            all.AddRange(batch);
        }
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
