namespace Alerts.Core.Model;

public static class Tenancy
{
    /// <summary>The single tenant used until the management API issues tenants of their own.</summary>
    public const string DefaultTenant = "default";
}
