using Alerts.Core.Ports;
using Alerts.Storage.Primitive;
using Alerts.Storage.Repositories;
using Alerts.Storage.Secrets;

namespace Alerts.Storage;

/// <summary>Every repository over one primitive store: what the handlers are given, whichever backend sits underneath.</summary>
public sealed class AlertStore
{
    private readonly StoreTables _tables;
    private readonly WorkRepository _work;
    private readonly ManagementTables _management;
    private readonly SourceStatusRepository _sources;

    private AlertStore(IEntityStore store, IChannelSecretProtector? secrets = null)
    {
        ChannelSecrets = secrets;
        AlertIds = store is IAlertIdLayout layout ? layout.AlertIds : Core.AlertIdLayout.Hashed;
        _tables = new StoreTables(store);
        Events = new EventRepository(_tables);
        EventsBySource = new SourceEventReader(_tables);
        Companies = new CompanyRepository(_tables);
        Rules = new RuleRepository(_tables);
        Watchlists = new WatchlistRepository(_tables);
        var sealer = new ChannelSecretSealer(secrets);
        Channels = new ChannelRepository(_tables, sealer);
        Subscriptions = new SubscriptionRepository(_tables);
        RuleStates = new RuleStateRepository(_tables);
        MarketHistory = new MarketHistoryRepository(_tables);
        Alerts = new AlertRepository(_tables);
        Deliveries = new DeliveryRepository(_tables);
        Attempts = new DeliveryAttemptRepository(_tables);
        _work = new WorkRepository(_tables);
        Work = _work;
        Held = new HeldDeliveryRepository(_tables);
        Retention = new RetentionRepository(_tables, _work);
        _management = new ManagementTables(store);
        Tenants = new TenantRepository(_management);
        ApiKeys = new ApiKeyRepository(_management);
        Aliases = new CompanyAliasRepository(_management);
        Subscribers = new SubscriberRepository(_management);
        Catalog = new TenantCatalogRepository(_tables, store);
        _sources = new SourceStatusRepository(store);
        Sources = _sources;
        Transactions = new PipelineTransactions(store, sealer, new PipelineRepositories(Events, RuleStates, Alerts, Deliveries, Attempts, Channels, Work, Held));
    }

    /// <summary>The table that holds the Data Protection key ring when the store is Table Storage.</summary>
    public const string KeyRingTable = "keyring";

    /// <summary>Every table the repositories use (infrastructure templates must declare each one).</summary>
    public static IReadOnlyList<string> TableNames { get; } =
        [.. new StoreTables(NoStore.Instance).Names, .. new ManagementTables(NoStore.Instance).Names, new SourceStatusRepository(NoStore.Instance).Table.Name, KeyRingTable];

    /// <summary>What encrypts channel secrets in this store; null only for stores opened without a key ring (tests).</summary>
    public IChannelSecretProtector? ChannelSecrets { get; }

    /// <summary>How this store's alert and delivery ids are made (the pipeline's <see cref="Core.Handlers.PipelineOptions.AlertIds"/>).</summary>
    public Core.AlertIdLayout AlertIds { get; }

    public IEventRepository Events { get; }
    /// <summary>Read-only: one source's stored announcements (the listing-application read model reads the IPO pipelines').</summary>
    public ISourceEventReader EventsBySource { get; }
    public ICompanyRepository Companies { get; }
    public IRuleRepository Rules { get; }
    public IWatchlistRepository Watchlists { get; }
    public IChannelRepository Channels { get; }
    public ISubscriptionRepository Subscriptions { get; }
    public IRuleStateRepository RuleStates { get; }
    public IMarketHistoryRepository MarketHistory { get; }
    public IAlertRepository Alerts { get; }
    public IDeliveryRepository Deliveries { get; }
    public IDeliveryAttemptRepository Attempts { get; }
    public IWorkRepository Work { get; }
    public IHeldDeliveryRepository Held { get; }
    public ITenantRepository Tenants { get; }
    public IApiKeyRepository ApiKeys { get; }
    public ICompanyAliasRepository Aliases { get; }
    public ISubscriberRepository Subscribers { get; }
    public ITenantCatalogRepository Catalog { get; }

    /// <summary>How each feed source is doing (last poll, last success, rows, last error, next poll).</summary>
    public ISourceStatusRepository Sources { get; }
    /// <summary>The pipeline's repositories bound to one transaction per batch (SQLite), or the plain ones (Table Storage).</summary>
    public IPipelineTransactions Transactions { get; }

    /// <summary>Purges history past its retention age (run daily by <c>RetentionHandler</c>).</summary>
    public IRetentionRepository Retention { get; }

    private sealed class NoStore : IEntityStore
    {
        public static readonly NoStore Instance = new();

        public Task EnsureTableAsync(string table, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<StoredEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> InsertIfAbsentAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string> UpsertAsync(string table, string partitionKey, string rowKey, string data, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> ReplaceIfMatchAsync(string table, string partitionKey, string rowKey, string data, string etag, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? etag, CancellationToken cancellationToken) => throw new NotSupportedException();
        public IAsyncEnumerable<StoredEntity> QueryAsync(string table, string? partitionKey, string? rowKeyFrom, string? rowKeyTo, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<string?>> ExecuteBatchAsync(string table, IReadOnlyList<BatchOperation> operations, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>Wraps a backend and makes sure every table exists.</summary>
    public static Task<AlertStore> CreateAsync(IEntityStore store, CancellationToken cancellationToken) =>
        CreateAsync(store, null, cancellationToken);

    /// <summary>Wraps a backend whose channel secrets are encrypted with <paramref name="secrets"/>, and makes sure every table exists.</summary>
    public static async Task<AlertStore> CreateAsync(IEntityStore store, IChannelSecretProtector? secrets, CancellationToken cancellationToken)
    {
        var alertStore = new AlertStore(store, secrets);
        await alertStore._tables.EnsureAllAsync(cancellationToken);
        await alertStore._work.UpgradeLegacyRowsAsync(cancellationToken);
        await alertStore._management.EnsureAllAsync(cancellationToken);
        await alertStore._sources.Table.EnsureAsync(cancellationToken);
        return alertStore;
    }
}
