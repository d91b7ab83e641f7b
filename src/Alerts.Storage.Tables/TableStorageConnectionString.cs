using Azure;

namespace Alerts.Storage.Tables;

/// <summary>
/// A storage account connection string reduced to what the Table client needs: the table endpoint and the shared key.
/// Accepts <c>UseDevelopmentStorage=true</c> (Azurite) and account strings with AccountName/AccountKey plus either
/// TableEndpoint or DefaultEndpointsProtocol/EndpointSuffix. Errors name the missing part, never the key.
/// </summary>
public sealed class TableStorageConnectionString
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    // The Azurite/Storage Emulator well-known key: public by design, useless outside a local emulator.
    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Uri DevelopmentTableEndpoint = new("http://127.0.0.1:10002/devstoreaccount1");

    private TableStorageConnectionString(Uri tableEndpoint, string accountName, string accountKey)
    {
        TableEndpoint = tableEndpoint;
        AccountName = accountName;
        Credential = new AzureNamedKeyCredential(accountName, accountKey);
    }

    public Uri TableEndpoint { get; }

    public string AccountName { get; }

    internal AzureNamedKeyCredential Credential { get; }

    public static TableStorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = ParseSettings(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var useDevelopment))
        {
            if (!string.Equals(useDevelopment, "true", StringComparison.OrdinalIgnoreCase) || settings.Count != 1)
            {
                throw Invalid("UseDevelopmentStorage must be 'true' and stand alone.");
            }

            return new TableStorageConnectionString(DevelopmentTableEndpoint, DevelopmentAccountName, DevelopmentAccountKey);
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw Invalid("SharedAccessSignature is not supported: use AccountName and AccountKey, or a managed identity.");
        }

        var accountName = Required(settings, "AccountName");
        var accountKey = Required(settings, "AccountKey");
        if (!IsBase64(accountKey))
        {
            throw Invalid("AccountKey is not valid base64.");
        }

        return new TableStorageConnectionString(TableEndpointOf(settings, accountName), accountName, accountKey);
    }

    /// <summary>Endpoint and account only: safe to log.</summary>
    public override string ToString() => $"TableEndpoint={TableEndpoint};AccountName={AccountName}";

    private static Dictionary<string, string> ParseSettings(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Split at the first '=' only: base64 keys end in '='.
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid("every part must look like Name=Value.");
            }

            var name = segment[..equals].Trim();
            if (!settings.TryAdd(name, segment[(equals + 1)..].Trim()))
            {
                throw Invalid($"{name} appears more than once.");
            }
        }

        return settings;
    }

    private static Uri TableEndpointOf(Dictionary<string, string> settings, string accountName)
    {
        if (settings.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                throw Invalid("TableEndpoint must be an absolute http or https URL.");
            }

            return endpoint;
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw Invalid("DefaultEndpointsProtocol must be http or https.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        if (!Uri.TryCreate($"{protocol}://{accountName}.table.{suffix}", UriKind.Absolute, out var built))
        {
            throw Invalid("AccountName and EndpointSuffix do not form a valid host name.");
        }

        return built;
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw Invalid($"it has no {name}.");

    private static bool IsBase64(string value) =>
        Convert.TryFromBase64String(value, new byte[value.Length], out var written) && written > 0;

    private static FormatException Invalid(string reason) => new($"Invalid Table Storage connection string: {reason}");
}
