using Alerts.Core;
using Microsoft.Extensions.Configuration;

namespace Alerts.Hosting.Configuration;

/// <summary>Defaults, then <c>alerts.json</c> in the working directory, then environment variables, then command-line overrides.</summary>
public static class SettingsLoader
{
    public static IConfiguration Configuration(IDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "alerts.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();

    public static AlertsSettings Load(IConfiguration configuration)
    {
        var settings = new AlertsSettings();
        try
        {
            configuration.GetSection("Alerts").Bind(settings);
        }
        catch (InvalidOperationException exception)
        {
            // The binder names the key and the value it could not convert (e.g. Alerts:HttpPort = "abc").
            throw new InvalidSettingsException(exception.Message, exception);
        }

        // On Azure the key arrives as the Key Vault reference app setting "SendGridApiKey" (outside the Alerts section), or
        // as the option Alerts__SendGrid__ApiKey.
        settings.SendGridApiKey ??= new[] { "Alerts:SendGrid:ApiKey", "SendGridApiKey" }.Select(k => configuration[k]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return settings;
    }
}
