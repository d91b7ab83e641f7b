using Alerts.Core.Model;
using Alerts.Core.Notifications;
using Alerts.Core.Rules;
using Alerts.Host.Composition;
using Alerts.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Alerts.Host.Tests.Standalone;

/// <summary>A standalone app whose tenant "t1" gets every announcement on one webhook channel, sent by a test's own notifier.</summary>
internal static class WebhookDesk
{
    public static async Task<AlertsApp> OpenAsync(AlertsSettings settings, INotifier notifier)
    {
        var app = await AlertsApp.OpenAsync(settings, LogLevel.Warning, CancellationToken.None, services =>
        {
            services.RemoveAll<INotifier>();
            services.AddSingleton(notifier);
        });
        await app.Store.Channels.UpsertAsync(new Channel("t1", "hook", "hook", ChannelKind.Webhook, "https://hooks.example.test/x", "whsec_test"), CancellationToken.None);
        await app.Store.Rules.UpsertAsync(new AnnouncementRule { TenantId = "t1", Id = "any", Name = "any", Companies = CompanyScope.AnyCompany }, CancellationToken.None);
        await app.Store.Subscriptions.UpsertAsync(new Subscription("t1", "s", "any", ["hook"]), CancellationToken.None);
        return app;
    }
}
