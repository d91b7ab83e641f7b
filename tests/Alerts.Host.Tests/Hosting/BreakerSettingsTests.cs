using Alerts.Core.Notifications;
using Alerts.Hosting;
using Alerts.Hosting.Configuration;
using Alerts.Storage;
using Alerts.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Host.Tests.Hosting;

/// <summary>The circuit breaker's settings reach the breaker, and settings that cannot work stop the start.</summary>
public sealed class BreakerSettingsTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-breaker-settings-").FullName;

    [Fact]
    public async Task Configured_values_reach_the_one_breaker_the_deliver_stage_uses()
    {
        var settings = SettingsLoader.Load(Configuration(
            ("Alerts:BreakerFailureThreshold", "3"), ("Alerts:BreakerCoolDown", "00:00:45"), ("Alerts:BreakerMaxCoolDown", "00:05:00"), ("Alerts:DeliveryLease", "00:00:40")));
        await using var provider = (await ServicesAsync(settings)).BuildServiceProvider();

        var options = provider.GetRequiredService<CircuitBreakerOptions>();

        Assert.Equal((3, TimeSpan.FromSeconds(45), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(40)), (options.FailureThreshold, options.CoolDown, options.MaxCoolDown, options.ProbeTimeout));
        Assert.Same(provider.GetRequiredService<CircuitBreaker>(), provider.GetRequiredService<CircuitBreaker>());
        Assert.NotNull(provider.GetRequiredService<Core.Handlers.DeliverHandler>());
    }

    [Theory]
    [InlineData("0", "00:00:30", "00:10:00")]
    [InlineData("5", "00:00:00", "00:10:00")]
    [InlineData("5", "00:20:00", "00:10:00")]
    public async Task Settings_that_cannot_work_are_refused_with_the_reason(string threshold, string coolDown, string maxCoolDown)
    {
        var settings = SettingsLoader.Load(Configuration(
            ("Alerts:BreakerFailureThreshold", threshold), ("Alerts:BreakerCoolDown", coolDown), ("Alerts:BreakerMaxCoolDown", maxCoolDown)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServicesAsync(settings));

        Assert.Contains("circuit breaker", error.Message, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may hold the file for a moment; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    private async Task<ServiceCollection> ServicesAsync(AlertsSettings settings)
    {
        var entities = await SqliteEntityStore.OpenAsync(Path.Combine(_directory, "alerts.db"), CancellationToken.None);
        var store = await AlertStore.CreateAsync(entities, CancellationToken.None);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAlertsPipeline(settings, store);
        return services;
    }
}
