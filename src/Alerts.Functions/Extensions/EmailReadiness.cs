using Alerts.Core.Model;
using Alerts.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Extensions;

/// <summary>
/// At start-up, says so when email channels exist but no SendGrid key is configured: on Azure there is no outbox folder to
/// fall back to, so their deliveries would fail (dead-lettered, redeliverable once the key is set).
/// </summary>
public sealed partial class EmailReadiness(FunctionsSettings settings, IRuleRepository rules, IChannelRepository channels, ILogger<EmailReadiness> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await CheckAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <returns>The number of email channels left without a sender (0 when a key is configured).</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.SendGridApiKey))
        {
            return 0;
        }

        var tenants = (await rules.ListAllAsync(cancellationToken)).Select(r => r.TenantId).Append(Tenancy.DefaultTenant).Distinct(StringComparer.Ordinal);
        var email = 0;
        foreach (var tenant in tenants)
        {
            email += (await channels.ListAsync(tenant, cancellationToken)).Count(c => c.Kind == ChannelKind.Email && c.Enabled);
        }

        if (email > 0)
        {
            LogNoSendGridKey(logger, email, AppSettingNames.SendGridApiKey, AppSettingNames.Key(AppSettingNames.SendGridApiKeyOption));
        }

        return email;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} email channel(s) exist but no SendGrid key is configured (app setting {Setting} or {Option}); their deliveries fail and are dead-lettered until it is set")]
    private static partial void LogNoSendGridKey(ILogger logger, int count, string setting, string option);
}
