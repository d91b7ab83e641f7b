using System.CommandLine;
using System.Text.Json.Nodes;
using static Alerts.Host.Cli.Client.ClientOptions;
using static Alerts.Host.Cli.Client.Output;

namespace Alerts.Host.Cli.Client;

/// <summary><c>alerts tenants</c> (admin key) and <c>alerts keys</c> (a tenant's own keys).</summary>
public static class TenantCommands
{
    public static Command Tenants()
    {
        var name = new Argument<string>("name") { Description = "The person's or team's name" };
        return Group("tenants", "Create and list tenants (admin key)", admin: true,
            Verb("create", "Create a tenant; prints its first API key, shown only this once", true,
                (p, api, ct) => api.SendAsync(HttpMethod.Post, "api/v1/tenants", new JsonObject { ["name"] = p.GetValue(name) }, ct),
                Message(a => $"Tenant {Text(a!, "tenant.id")} created.\nAPI key (shown once): {Text(a!, "apiKey.key")}"),
                name),
            Verb("list", "List tenants", true, (_, api, ct) => api.GetAsync("api/v1/tenants", ct),
                Table(Col("ID", "id"), Col("NAME", "name"), Col("CREATED", "createdAt"))));
    }

    public static Command Keys()
    {
        var name = new Option<string?>("--name") { Description = "What the key is for" };
        var id = new Argument<string>("key-id");
        var table = Table(Col("ID", "id"), Col("PREFIX", "prefix"), Col("NAME", "name"), Col("CREATED", "createdAt"), Col("LAST USED", "lastUsedAt"), Col("REVOKED", "revokedAt"));
        return Group("keys", "Your tenant's API keys", admin: false,
            Verb("list", "List keys (never the keys themselves)", false, (_, api, ct) => api.GetAsync("api/v1/keys", ct), table),
            Verb("create", "Create a key; prints it, shown only this once", false,
                (p, api, ct) => api.SendAsync(HttpMethod.Post, "api/v1/keys", new JsonObject { ["name"] = p.GetValue(name) }, ct),
                Message(a => $"API key {Text(a!, "id")} (shown once): {Text(a!, "key")}"),
                name),
            Verb("revoke", "Revoke a key", false, (p, api, ct) => api.SendAsync(HttpMethod.Delete, "api/v1/keys/" + Uri.EscapeDataString(p.GetValue(id)!), null, ct), table, id));
    }
}
