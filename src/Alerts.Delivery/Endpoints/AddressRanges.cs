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
}

/// <summary>The table of non-public address ranges (RFC 6890 and cloud metadata endpoints), one row per range.</summary>
public static class AddressRanges
{
    private static readonly (IPNetwork Network, AddressClass Class)[] Ranges =
    [
        // Cloud metadata first: more specific than the link-local row that also holds it.
        (IPNetwork.Parse("169.254.169.254/32"), AddressClass.Metadata), // AWS, Azure IMDS, GCP, OCI
        (IPNetwork.Parse("168.63.129.16/32"), AddressClass.Metadata),   // Azure platform (wire server, DNS)
        (IPNetwork.Parse("100.100.100.200/32"), AddressClass.Metadata), // Alibaba Cloud
        (IPNetwork.Parse("fd00:ec2::254/128"), AddressClass.Metadata),  // AWS IMDS over IPv6

        (IPNetwork.Parse("0.0.0.0/8"), AddressClass.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressClass.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressClass.Private),      // carrier-grade NAT
        (IPNetwork.Parse("127.0.0.0/8"), AddressClass.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressClass.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressClass.Private),
        (IPNetwork.Parse("192.0.0.0/24"), AddressClass.Reserved),      // IETF protocol assignments
        (IPNetwork.Parse("192.168.0.0/16"), AddressClass.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressClass.Reserved),     // benchmarking
        (IPNetwork.Parse("224.0.0.0/4"), AddressClass.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressClass.Reserved),       // includes 255.255.255.255

        (IPNetwork.Parse("::/128"), AddressClass.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressClass.Loopback),
        (IPNetwork.Parse("::/96"), AddressClass.Reserved),             // IPv4-compatible (deprecated)
        (IPNetwork.Parse("100::/64"), AddressClass.Reserved),          // discard-only
        (IPNetwork.Parse("2001::/32"), AddressClass.Reserved),         // Teredo tunnels hide the real target
        (IPNetwork.Parse("2002::/16"), AddressClass.Reserved),         // 6to4 tunnels likewise
        (IPNetwork.Parse("fc00::/7"), AddressClass.Private),
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
        _ => "a public address",
    };
}
