using Alerts.Core.Catalog;
using Alerts.Core.Handlers;
using Alerts.Core.Holding;
using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Ports;
using Alerts.Core.Rules;
using Alerts.Storage;
using Alerts.Storage.Sqlite;
using Alerts.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Alerts.Core.Tests.Handlers;

/// <summary>
/// The handlers wired as the hosts wire them, on a real SQLite store in a fresh temp directory, with a manual clock and
/// scripted notifiers. One per test: no test sees another's rows.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 8, 1, 30, 0, TimeSpan.Zero);

    private readonly string _directory;
    private CircuitBreaker? _breaker;

    private Pipeline(string directory, AlertStore store, RetrySchedule schedule)
    {
        _directory = directory;
        Store = store;
        Schedule = schedule;
        Catalog = new StoreCatalogSource(store.Companies, store.Rules, store.Watchlists, store.Subscriptions, store.Channels, Time, TimeSpan.Zero);
    }

    public ManualTimeProvider Time { get; } = new(Start);

    public AlertStore Store { get; }

    public RetrySchedule Schedule { get; }

    public PipelineOptions Options { get; set; } = new() { RedeliveryGrace = TimeSpan.FromMinutes(2), DeliveryLease = TimeSpan.FromMinutes(1) };

    public StoreCatalogSource Catalog { get; }

    public FakeNotifier Email { get; } = new(ChannelKind.Email);

    public FakeNotifier Webhook { get; } = new(ChannelKind.Webhook);

    public CircuitBreakerOptions BreakerOptions { get; set; } = new();

    /// <summary>Shared by every handler this pipeline hands out, as the hosts share one per process.</summary>
    public CircuitBreaker Breaker => _breaker ??= new CircuitBreaker(BreakerOptions, Time, NullLogger<CircuitBreaker>.Instance);

    public IRuleStateRepository? RuleStatesOverride { get; set; }

    public IAlertRepository? AlertsOverride { get; set; }

    public static async Task<Pipeline> CreateAsync(RetrySchedule? schedule = null)
    {
        var directory = Directory.CreateTempSubdirectory("alerts-core-").FullName;
        var entities = await SqliteEntityStore.OpenAsync(Path.Combine(directory, "alerts.db"), CancellationToken.None);
        var store = await AlertStore.CreateAsync(entities, CancellationToken.None);
        var pipeline = new Pipeline(directory, store, schedule ?? new RetrySchedule { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(10), JitterRatio = 0 });
        await store.Companies.UpsertAsync(TestData.Zhipu, CancellationToken.None);
        await store.Companies.UpsertAsync(TestData.Tencent, CancellationToken.None);
        return pipeline;
    }

    public IngestHandler Ingest => new(Store.Events, Store.Work, Options, Time, NullLogger<IngestHandler>.Instance);

    public EvaluateHandler Evaluate => new(
        Store.Events, RuleStatesOverride ?? Store.RuleStates, AlertsOverride ?? Store.Alerts, Store.Deliveries, Store.Work, Store.Held, Catalog, Options, Time, NullLogger<EvaluateHandler>.Instance);

    public DeliverHandler Deliver => new(
        Store.Deliveries, Store.Attempts, Store.Alerts, Store.Channels, Catalog, Store.Work, [Email, Webhook], Schedule, Breaker, Options, Time, NullLogger<DeliverHandler>.Instance)
    {
        Jitter = new Random(1),
    };

    public RetryDueHandler RetryDue => new(Store.Work, Releaser, Options, Time);

    public HeldDeliveryReleaser Releaser => new(Store.Held, Store.Deliveries, Store.Alerts, Store.Work, Options, Time, NullLogger<HeldDeliveryReleaser>.Instance);

    public DeadLetterRedelivery Redelivery => new(Store.Deliveries, Store.Work, Time);

    public async Task AddRuleAsync(Rule rule, params Channel[] channels)
    {
        await Store.Rules.UpsertAsync(rule, CancellationToken.None);
        foreach (var channel in channels)
        {
            await Store.Channels.UpsertAsync(channel, CancellationToken.None);
        }

        await Store.Subscriptions.UpsertAsync(new Subscription(rule.TenantId, "sub-" + rule.Id, rule.Id, [.. channels.Select(c => c.Id)]), CancellationToken.None);
        Catalog.Invalidate();
    }

    /// <summary>Ingests and evaluates one event; returns what evaluation produced.</summary>
    public async Task<EvaluateResult> IngestAndEvaluateAsync(MarketEvent marketEvent)
    {
        var ingested = await Ingest.HandleAsync(marketEvent, CancellationToken.None);
        Assert.Equal(IngestOutcome.Accepted, ingested.Outcome);
        return await Evaluate.HandleAsync(ingested.Message!, CancellationToken.None);
    }

    public async Task<List<WorkItem>> WorkAsync(WorkStage stage)
    {
        var items = new List<WorkItem>();
        await foreach (var item in Store.Work.ListAsync(stage, CancellationToken.None))
        {
            items.Add(item);
        }

        return items;
    }

    public async Task<(int Alerts, int Deliveries)> CountsAsync(string tenant = TestData.Tenant) =>
        ((await Store.Alerts.ListAsync(tenant, CancellationToken.None)).Count, (await Store.Deliveries.ListAsync(tenant, CancellationToken.None)).Count);

    public async Task<Delivery> DeliveryAsync(string deliveryId, string tenant = TestData.Tenant) =>
        (await Store.Deliveries.GetAsync(tenant, deliveryId, CancellationToken.None))!.Value;

    public Task<IReadOnlyList<DeliveryAttempt>> AttemptsAsync(string deliveryId, string tenant = TestData.Tenant) =>
        Store.Attempts.ListAsync(tenant, deliveryId, CancellationToken.None);

    public static Channel EmailChannel(string id = "email") => new(TestData.Tenant, id, "ops mail", ChannelKind.Email, "ops@example.test");

    public static Channel WebhookChannel(string id = "hook") => new(TestData.Tenant, id, "hook", ChannelKind.Webhook, "https://hooks.example.test/x", "whsec_test");

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection of a parallel test class may still hold the file for a moment; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
