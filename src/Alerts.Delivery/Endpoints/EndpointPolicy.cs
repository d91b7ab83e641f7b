using System.Net;

namespace Alerts.Delivery.Endpoints;

/// <summary>
/// The SSRF guard for outbound channels. <see cref="Validate"/> is the static check used when a channel is saved and again
/// before each send (scheme, literal addresses, <c>localhost</c>); <see cref="Check(string, IPAddress)"/> judges every
/// address DNS returns at connect time (see <c>Http.GuardedConnector</c>), so a name that later re-resolves to a private
/// address is still refused. Reasons never contain the URL: only the rule and, for addresses, the address itself.
/// The allow-list (local development) never exempts a cloud metadata address or host name: such an entry fails at start-up,
/// and a network entry that contains one still leaves it refused.
/// </summary>
public sealed class EndpointPolicy
{
    private static readonly string[] MetadataHostNames =
        ["metadata.google.internal", "metadata.goog", "metadata", "metadata.azure.com", "instance-data", "instance-data.ec2.internal"];
    private static readonly IPAddress[] LocalhostAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    private readonly HashSet<string> _allowedHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _allowedNetworks = [];
    private readonly bool _requireHttps;

    public EndpointPolicy(EndpointPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _requireHttps = options.RequireHttps;
        foreach (var raw in options.AllowList)
        {
            var entry = raw?.Trim() ?? string.Empty;
            if (entry.Length == 0)
            {
                continue;
            }

            if (IsMetadataHost(NormalizeHost(entry))
                || (IPAddress.TryParse(entry.Trim('[', ']'), out var single) && AddressRanges.Classify(single) == AddressClass.Metadata))
            {
                throw new ArgumentException($"Endpoint allow-list entry '{entry}' names a cloud metadata service, which is never reachable.", nameof(options));
            }

            if (IPNetwork.TryParse(entry, out var network))
            {
                _allowedNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
            {
                var canonical = AddressRanges.Canonical(address);
                _allowedNetworks.Add(new IPNetwork(canonical, canonical.GetAddressBytes().Length * 8));
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                _allowedHosts.Add(NormalizeHost(entry));
            }
            else
            {
                throw new ArgumentException($"Endpoint allow-list entry '{entry}' is neither a host name, an address nor a CIDR.", nameof(options));
            }
        }
    }

    /// <summary>A policy with no allow-list: only public https targets.</summary>
    public static EndpointPolicy Strict { get; } = new(new EndpointPolicyOptions());

    /// <summary>The static check: absolute http(s) URL, https unless allow-listed, and no literal or well-known non-public host.</summary>
    public EndpointCheck Validate(Uri? target)
    {
        if (target is null || !target.IsAbsoluteUri || (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp))
        {
            return EndpointCheck.Refused("must be an absolute https URL");
        }

        var host = NormalizeHost(target.IdnHost);
        if (host.Length == 0)
        {
            return EndpointCheck.Refused("must be an absolute https URL");
        }

        // Addresses known without DNS: a literal, or RFC 6761's "localhost" (loopback whatever a resolver says).
        var isLocalhost = host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal);
        IPAddress[] known = IPAddress.TryParse(host, out var literal) ? [literal] : isLocalhost ? LocalhostAddresses : [];
        if (target.Scheme == Uri.UriSchemeHttp && _requireHttps && !_allowedHosts.Contains(host) && !known.Any(a => IsAllowListed(host, a)))
        {
            return EndpointCheck.Refused("must be an absolute https URL");
        }

        if (literal is not null)
        {
            return Check(host, literal);
        }

        if (isLocalhost)
        {
            return known.Any(a => Check(host, a).IsAllowed)
                ? EndpointCheck.Allowed
                : EndpointCheck.Refused("must not point at a loopback address (localhost)");
        }

        if (IsMetadataHost(host))
        {
            return EndpointCheck.Refused("must not point at a cloud metadata service");
        }

        return EndpointCheck.Allowed;
    }

    /// <summary>Judges one resolved address of <paramref name="host"/>: public, or allow-listed by host name or network.</summary>
    public EndpointCheck Check(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(address);
        var canonical = AddressRanges.Canonical(address);
        var addressClass = AddressRanges.Classify(canonical);
        if (addressClass == AddressClass.Public || (addressClass != AddressClass.Metadata && IsAllowListed(NormalizeHost(host), canonical)))
        {
            return EndpointCheck.Allowed;
        }

        return EndpointCheck.Refused($"must not point at {AddressRanges.Describe(addressClass)} ({canonical})");
    }

    private bool IsAllowListed(string host, IPAddress? address)
    {
        if (_allowedHosts.Contains(host))
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var canonical = AddressRanges.Canonical(address);
        return _allowedNetworks.Any(n => n.Contains(canonical));
    }

    private static bool IsMetadataHost(string host) => MetadataHostNames.Contains(host, StringComparer.Ordinal);

    private static string NormalizeHost(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();
}
