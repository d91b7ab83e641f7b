using Microsoft.AspNetCore.Http;

namespace Alerts.Api.Access;

/// <summary>
/// The authenticated tenant of a request; handlers take it as a parameter and scope every read and write to it.
/// Parameters are bound before endpoint filters run, so this reads what the key filter attached only when asked.
/// </summary>
public sealed class ApiCaller
{
    private static readonly object ItemKey = new();
    private readonly HttpContext _context;

    private ApiCaller(HttpContext context) => _context = context;

    public string TenantId => Identity.TenantId;

    public string KeyId => Identity.KeyId;

    private (string TenantId, string KeyId) Identity =>
        _context.Items.TryGetValue(ItemKey, out var value) && value is ValueTuple<string, string> identity
            ? identity
            : throw new InvalidOperationException("The request was not authenticated by the API key filter.");

    public static ValueTask<ApiCaller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<ApiCaller?>(new ApiCaller(context));
    }

    internal static void Attach(HttpContext context, string tenantId, string keyId) => context.Items[ItemKey] = (tenantId, keyId);
}
