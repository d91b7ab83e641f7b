using System.Net;
using System.Net.Sockets;

namespace Alerts.Delivery.Endpoints;

/// <summary>Why an address may not be a webhook target. <see cref="Public"/> is the only class reachable by default.</summary>
public enum AddressClass
{
    Public,
    Unspecified,
    Loopback,
    Private,
    LinkLocal,
    Metadata,
    Multicast,
    Reserved,
    Documentation,
}

/// <summary>
/// The table of non-public address ranges: every row of the IANA IPv4 and IPv6 special-purpose address registries
/// (RFC 6890 and its updates), multicast, and the cloud metadata endpoints. Rows the registry marks "globally reachable"
/// (the AS112, AMT, PCP and TURN anycast services) are refused too: none of them is a webhook receiver.
/// </summary>
public static class AddressRanges
{
    private static readonly (IPNetwork Network, AddressClass Class)[] Ranges =
    [
        // Cloud metadata first: more specific than the link-local or reserved rows that also hold them.
        (IPNetwork.Parse("169.254.169.254/32"), AddressClass.Metadata), // AWS, Azure IMDS, GCP, OCI
        (IPNetwork.Parse("169.254.170.2/32"), AddressClass.Metadata),   // AWS ECS task credentials
        (IPNetwork.Parse("168.63.129.16/32"), AddressClass.Metadata),   // Azure platform (wire server, DNS)
        (IPNetwork.Parse("100.100.100.200/32"), AddressClass.Metadata), // Alibaba Cloud
        (IPNetwork.Parse("192.0.0.192/32"), AddressClass.Metadata),     // Oracle Cloud
        (IPNetwork.Parse("fd00:ec2::254/128"), AddressClass.Metadata),  // AWS IMDS over IPv6

        // IANA IPv4 special-purpose address registry.
        (IPNetwork.Parse("0.0.0.0/8"), AddressClass.Unspecified),      // "this network" (0.0.0.0/32: this host)
        (IPNetwork.Parse("10.0.0.0/8"), AddressClass.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressClass.Private),      // shared address space (carrier-grade NAT)
        (IPNetwork.Parse("127.0.0.0/8"), AddressClass.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressClass.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressClass.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressClass.Reserved),      // IETF protocol assignments (DS-Lite, PCP, TURN, NAT64 discovery)
        (IPNetwork.Parse("192.0.2.0/24"), AddressClass.Documentation), // TEST-NET-1
        (IPNetwork.Parse("192.31.196.0/24"), AddressClass.Reserved),   // AS112-v4
        (IPNetwork.Parse("192.52.193.0/24"), AddressClass.Reserved),   // AMT
        (IPNetwork.Parse("192.88.99.0/24"), AddressClass.Reserved),    // deprecated 6to4 relay anycast
        (IPNetwork.Parse("192.168.0.0/16"), AddressClass.Private),
        (IPNetwork.Parse("192.175.48.0/24"), AddressClass.Reserved),   // AS112 direct delegation
        (IPNetwork.Parse("198.18.0.0/15"), AddressClass.Reserved),     // benchmarking
        (IPNetwork.Parse("198.51.100.0/24"), AddressClass.Documentation), // TEST-NET-2
        (IPNetwork.Parse("203.0.113.0/24"), AddressClass.Documentation),  // TEST-NET-3
        (IPNetwork.Parse("224.0.0.0/4"), AddressClass.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressClass.Reserved),       // includes 255.255.255.255 (limited broadcast)

        // IANA IPv6 special-purpose address registry. IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96) never reach this
        // table: Canonical turns them into the IPv4 address they carry.
        (IPNetwork.Parse("::/128"), AddressClass.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressClass.Loopback),
        (IPNetwork.Parse("::/96"), AddressClass.Reserved),             // IPv4-compatible (deprecated)
        (IPNetwork.Parse("::ffff:0:0:0/96"), AddressClass.Reserved),   // IPv4-translated (SIIT)
        (IPNetwork.Parse("64:ff9b:1::/48"), AddressClass.Private),     // NAT64 local use: translates into a private network
        (IPNetwork.Parse("100::/64"), AddressClass.Reserved),          // discard-only
        (IPNetwork.Parse("100:0:0:1::/64"), AddressClass.Reserved),    // dummy prefix
        (IPNetwork.Parse("2001::/23"), AddressClass.Reserved),         // IETF protocol assignments: Teredo, PCP/TURN anycast, benchmarking, AMT, AS112, ORCHID, DETs
        (IPNetwork.Parse("2001:db8::/32"), AddressClass.Documentation),
        (IPNetwork.Parse("2002::/16"), AddressClass.Reserved),         // 6to4 tunnels hide the real target
        (IPNetwork.Parse("2620:4f:8000::/48"), AddressClass.Reserved), // AS112 direct delegation
        (IPNetwork.Parse("3fff::/20"), AddressClass.Documentation),
        (IPNetwork.Parse("5f00::/16"), AddressClass.Reserved),         // SRv6 segment identifiers
        (IPNetwork.Parse("fc00::/7"), AddressClass.Private),           // unique local
        (IPNetwork.Parse("fe80::/10"), AddressClass.LinkLocal),
        (IPNetwork.Parse("fec0::/10"), AddressClass.Private),          // site-local (deprecated)
        (IPNetwork.Parse("ff00::/8"), AddressClass.Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public static AddressClass Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var canonical = Canonical(address);
        foreach (var (network, addressClass) in Ranges)
        {
            if (network.Contains(canonical))
            {
                return addressClass;
            }
        }

        return AddressClass.Public;
    }

    /// <summary>IPv4 hidden in IPv6 (<c>::ffff:10.0.0.1</c>, NAT64 <c>64:ff9b::10.0.0.1</c>) is judged as the IPv4 address it reaches.</summary>
    public static IPAddress Canonical(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
    }

    public static string Describe(AddressClass addressClass) => addressClass switch
    {
        AddressClass.Unspecified => "an unspecified address",
        AddressClass.Loopback => "a loopback address",
        AddressClass.Private => "a private address",
        AddressClass.LinkLocal => "a link-local address",
        AddressClass.Metadata => "a cloud metadata address",
        AddressClass.Multicast => "a multicast address",
        AddressClass.Reserved => "a reserved address",
        AddressClass.Documentation => "a documentation address",
        _ => "a public address",
    };
}
