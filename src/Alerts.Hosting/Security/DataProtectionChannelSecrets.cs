using System.Collections.Concurrent;
using Alerts.Storage.Secrets;
using Microsoft.AspNetCore.DataProtection;

namespace Alerts.Hosting.Security;

/// <summary>Channel secrets encrypted with ASP.NET Core Data Protection: one purpose per secret kind, then one per tenant.</summary>
public sealed class DataProtectionChannelSecrets(IDataProtectionProvider provider) : IChannelSecretProtector
{
    private readonly ConcurrentDictionary<(ChannelSecretKind, string), IDataProtector> _protectors = new();

    /// <summary>The key ring's provider, shared with everything else the hosts protect (unsubscribe links).</summary>
    public IDataProtectionProvider Provider => provider;

    public string Protect(ChannelSecretKind kind, string tenantId, string plaintext) => For(kind, tenantId).Protect(plaintext);

    public string Unprotect(ChannelSecretKind kind, string tenantId, string protectedValue) => For(kind, tenantId).Unprotect(protectedValue);

    private IDataProtector For(ChannelSecretKind kind, string tenantId) =>
        _protectors.GetOrAdd((kind, tenantId), key => provider.CreateProtector("Alerts.ChannelSecrets.v1", key.Item1.ToString(), key.Item2));
}
