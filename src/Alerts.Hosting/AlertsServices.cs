using Alerts.Core;
using Alerts.Core.Catalog;
using Alerts.Core.Handlers;
using Alerts.Core.Notifications;
using Alerts.Delivery;
using Alerts.Delivery.Chat;
using Alerts.Delivery.Email;
using Alerts.Delivery.Email.SendGrid;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.ServiceBus;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Webhooks;
using Alerts.Hosting.Configuration;
using Alerts.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Hosting;

/// <summary>The one place the pipeline is assembled: store, catalog, handlers, channels. Both drivers call this.</summary>
public static class AlertsServices
{
    public static IServiceCollection AddAlertsPipeline(this IServiceCollection services, AlertsSettings settings, AlertStore store, bool deliveriesHandedOffInMemory = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(store);
        if (store.ChannelSecrets is Security.DataProtectionChannelSecrets secrets)
        {
            // One key ring for everything the hosts protect (channel secrets, unsubscribe links): Data Protection's own
            // registrations (AddDataProtection) only add a provider where none is registered yet.
            services.AddSingleton(secrets.Provider);
        }

        services.AddSingleton(store.Events);
        services.AddSingleton(store.Companies);
        services.AddSingleton(store.Rules);
        services.AddSingleton(store.Watchlists);
        services.AddSingleton(store.Channels);
        services.AddSingleton(store.Subscriptions);
        services.AddSingleton(store.RuleStates);
        services.AddSingleton(store.MarketHistory);
        services.AddSingleton(new Alerts.Core.Rules.Market.MarketHistoryService(store.MarketHistory));
        services.AddSingleton(store.Alerts);
        services.AddSingleton(store.Deliveries);
        services.AddSingleton(store.Attempts);
        services.AddSingleton(store.Work);
        services.AddSingleton(store.Held);
        services.AddSingleton(store.Sources);
        services.AddSingleton(store.Retention);
        services.AddSingleton(store.Transactions);

        services.AddSingleton(new PipelineOptions
        {
            RedeliveryGrace = settings.RedeliveryGrace, DeliveryLease = settings.DeliveryLease, SendTimeout = settings.WebhookTimeout,
            LeaseOnHandOff = deliveriesHandedOffInMemory && settings.DeliveryEnabled, AlertIds = store.AlertIds,
        }.Validated());
        services.AddSingleton(new CircuitBreakerOptions
        {
            FailureThreshold = settings.BreakerFailureThreshold, CoolDown = settings.BreakerCoolDown, MaxCoolDown = settings.BreakerMaxCoolDown,
            ProbeTimeout = settings.DeliveryLease,
        }.Validated());
        services.AddSingleton<CircuitBreaker>();
        services.AddSingleton(new RetrySchedule { MaxAttempts = settings.MaxDeliveryAttempts, BaseDelay = settings.RetryBaseDelay });
        services.AddSingleton<ICatalogSource>(sp => new StoreCatalogSource(
            store.Companies, store.Rules, store.Watchlists, store.Subscriptions, store.Channels,
            sp.GetRequiredService<TimeProvider>(), settings.CatalogMaxAge));

        services.AddSingleton<IngestHandler>();
        services.AddSingleton<EvaluateHandler>();
        services.AddSingleton<DeliverHandler>();
        services.AddSingleton<Alerts.Core.Holding.HeldDeliveryReleaser>();
        services.AddSingleton<RetryDueHandler>();
        services.AddSingleton<DeadLetterRedelivery>();
        services.AddSingleton(RetentionOptions(settings.Retention));
        services.AddSingleton<RetentionHandler>();

        services.AddSingleton(new EndpointPolicy(new EndpointPolicyOptions { AllowList = settings.AllowedPrivateHosts }));
        services.AddSingleton(new WebhookOptions { Timeout = settings.WebhookTimeout });
        services.AddSingleton(EmailSettings(settings));
        services.AddSingleton(new ChatOptions { Timeout = settings.ChatTimeout });
        var sendGrid = new SendGridOptions
        {
            ApiKey = settings.SendGridApiKey,
            Host = settings.SendGridHost,
            SandboxMode = settings.SendGridSandboxMode,
        };
        services.AddSingleton<IDeliveryContextSource>(sp => new StoreDeliveryContextSource(
            store.Subscriptions, store.Companies, sp.GetRequiredService<TimeProvider>(), settings.CatalogMaxAge));
        services.AddSingleton<IServiceBusSenders>(_ => new ServiceBusSenders(new Azure.Identity.DefaultAzureCredential(
            new Azure.Identity.DefaultAzureCredentialOptions { ManagedIdentityClientId = settings.ServiceBusChannelClientId })));
        services.AddAlertsDelivery(sendGrid);
        return services;
    }

    private static RetentionOptions RetentionOptions(RetentionSettings settings)
    {
        var options = new RetentionOptions { Events = settings.Events, Alerts = settings.Alerts, Attempts = settings.Attempts };
        options.Validate(); // a retention of less than a day fails start-up, not the first nightly purge
        return options;
    }

    private static EmailOptions EmailSettings(AlertsSettings settings)
    {
        if (!System.Net.Mail.MailAddress.TryCreate(settings.EmailFrom, out var from))
        {
            throw new InvalidSettingsException($"Alerts:EmailFrom '{settings.EmailFrom}' is not an email address like 'Alerts <alerts@example.com>'.");
        }

        return new EmailOptions { OutboxDirectory = settings.ResolvedOutboxDirectory, From = from.Address, FromName = string.IsNullOrEmpty(from.DisplayName) ? null : from.DisplayName };
    }
}
