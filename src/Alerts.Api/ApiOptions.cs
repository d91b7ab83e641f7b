namespace Alerts.Api;

/// <summary>The management API's settings, bound from <c>Alerts:Api</c> (environment: <c>Alerts__Api__AdminKey</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Alerts:Api";

    /// <summary>The operator's key for creating tenants. No admin endpoint answers while it is unset.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Requests each API key (and the admin key) may make per <see cref="RateLimitWindow"/>.</summary>
    public int RequestsPerWindow { get; set; } = 300;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest accepted request body.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest list inside a request (watchlist companies, keywords, channel ids).</summary>
    public int MaxListItems { get; set; } = 500;

    public int DefaultPageSize { get; set; } = 50;

    public int MaxPageSize { get; set; } = 200;

    /// <summary>How far back a rule's dry run looks when the request does not say.</summary>
    public TimeSpan DryRunWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where the Data Protection keys that sign unsubscribe links are kept (default: <c>{DataDirectory}/keys</c>).</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>
    /// Where people reach this service, for the links emails carry (confirmation, sign-in, unsubscribe), e.g.
    /// <c>https://alerts.example.com</c>. Never taken from a request's Host header, which a caller controls. Default:
    /// <c>http://127.0.0.1:{Alerts:HttpPort}</c>, the standalone service.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary><see cref="PublicBaseUrl"/> checked and parsed at start-up.</summary>
    public Uri PublicBase { get; set; } = new("http://127.0.0.1:7780/");

    /// <summary>How long a confirmation link (a new subscriber's address, an email channel) stays valid.</summary>
    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a single-use sign-in link stays valid.</summary>
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a page session lasts after signing in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A key's last-used time is written at most this often, so reads do not turn into a write each.</summary>
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);
}
