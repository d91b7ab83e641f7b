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
        configuration.GetSection("Alerts").Bind(settings);

        // On Azure the key arrives as the Key Vault reference app setting "SendGridApiKey" (outside the Alerts section), or
        // as the option Alerts__SendGrid__ApiKey.
        settings.SendGridApiKey ??= new[] { "Alerts:SendGrid:ApiKey", "SendGridApiKey" }.Select(k => configuration[k]).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return settings;
    }
}
