using System.Net;
using System.Numerics;
using System.Text;
using Alerts.Core.Notifications;
using Alerts.Delivery.Endpoints;
using Alerts.Delivery.Http;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;

namespace Alerts.Delivery.Tests.Endpoints;

/// <summary>
/// Every row of the IANA IPv4 and IPv6 special-purpose address registries (as published in 2025), plus multicast and the
/// cloud metadata endpoints, written out here from the registries rather than read from the code. Each row is refused at
/// its first and last address, as a literal URL and behind a host name that resolves to it at connect time.
/// </summary>
public class SpecialPurposeAddressMatrixTests
{
    public static TheoryData<string, string> Rows => new()
    {
        // IPv4 special-purpose registry
        { "0.0.0.0/8", "unspecified" },
        { "0.0.0.0/32", "unspecified" },
        { "10.0.0.0/8", "private" },
        { "100.64.0.0/10", "private" },
        { "127.0.0.0/8", "loopback" },
        { "169.254.0.0/16", "link-local" },
        { "172.16.0.0/12", "private" },
        { "192.0.0.0/24", "reserved" },
        { "192.0.0.0/29", "reserved" },
        { "192.0.0.8/32", "reserved" },
        { "192.0.0.9/32", "reserved" },
        { "192.0.0.10/32", "reserved" },
        { "192.0.0.170/32", "reserved" },
        { "192.0.0.171/32", "reserved" },
        { "192.0.2.0/24", "documentation" },
        { "192.31.196.0/24", "reserved" },
        { "192.52.193.0/24", "reserved" },
        { "192.88.99.0/24", "reserved" },
        { "192.168.0.0/16", "private" },
        { "192.175.48.0/24", "reserved" },
        { "198.18.0.0/15", "reserved" },
        { "198.51.100.0/24", "documentation" },
        { "203.0.113.0/24", "documentation" },
        { "240.0.0.0/4", "reserved" },
        { "255.255.255.255/32", "reserved" },
        { "224.0.0.0/4", "multicast" },

        // IPv6 special-purpose registry
        { "::1/128", "loopback" },
        { "::/128", "unspecified" },
        { "::ffff:0:0/96", "" },                 // IPv4-mapped: judged as the IPv4 address, see below
        { "::ffff:0:0:0/96", "reserved" },       // IPv4-translated
        { "64:ff9b:1::/48", "private" },         // NAT64 local use
        { "100::/64", "reserved" },
        { "100:0:0:1::/64", "reserved" },
        { "2001::/23", "reserved" },
        { "2001::/32", "reserved" },             // Teredo
        { "2001:1::1/128", "reserved" },
        { "2001:1::2/128", "reserved" },
        { "2001:1::3/128", "reserved" },
        { "2001:2::/48", "reserved" },
        { "2001:3::/32", "reserved" },
        { "2001:4:112::/48", "reserved" },
        { "2001:10::/28", "reserved" },
        { "2001:20::/28", "reserved" },
        { "2001:30::/28", "reserved" },
        { "2001:db8::/32", "documentation" },
        { "2002::/16", "reserved" },
        { "2620:4f:8000::/48", "reserved" },
        { "3fff::/20", "documentation" },
        { "5f00::/16", "reserved" },
        { "fc00::/7", "private" },
        { "fe80::/10", "link-local" },
        { "ff00::/8", "multicast" },

        // Cloud metadata services
        { "169.254.169.254/32", "metadata" },
        { "168.63.129.16/32", "metadata" },
        { "100.100.100.200/32", "metadata" },
        { "fd00:ec2::254/128", "metadata" },
    };

    /// <summary>An address inside each row, its first and its last (once each when they coincide), with the row it stands for.</summary>
    public static TheoryData<string, string, string> Addresses
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var row in Rows)
            {
                var network = IPNetwork.Parse((string)row[0]);
                var mentions = (string)row[1];
                if (mentions.Length == 0)
                {
                    continue;
                }

                data.Add((string)row[0], network.BaseAddress.ToString(), mentions);
                if (!Last(network).Equals(network.BaseAddress))
                {
                    data.Add((string)row[0], Last(network).ToString(), mentions);
                }
            }

            // IPv4 reached through IPv6 (mapped and NAT64) is judged as the IPv4 address it carries.
            data.Add("::ffff:0:0/96", "::ffff:10.0.0.1", "private");
            data.Add("::ffff:0:0/96", "::ffff:169.254.169.254", "metadata");
            data.Add("64:ff9b::/96", "64:ff9b::7f00:1", "loopback");
            data.Add("64:ff9b::/96", "64:ff9b::c000:201", "documentation");
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void A_literal_address_in_every_row_is_refused(string row, string address, string mentions)
    {
        Assert.True(InRow(row, address));
        var host = IPAddress.Parse(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;

        var check = EndpointPolicy.Strict.Validate(new Uri($"https://{host}/hook"));

        Assert.False(check.IsAllowed);
        Assert.Contains(mentions, check.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task A_host_name_resolving_into_every_row_is_refused_at_connect_time(string row, string address, string mentions)
    {
        Assert.True(InRow(row, address));
        using var http = new DeliveryHttpClient(EndpointPolicy.Strict, (_, _) => Task.FromResult(new[] { IPAddress.Parse(address) }));

        var result = await http.PostAsync(Request(new Uri("https://hooks.example.test/hook")), CancellationToken.None);

        var permanent = Assert.IsType<DeliveryResult.Permanent>(result);
        Assert.Equal(FailureReason.InvalidTarget, permanent.Reason);
        Assert.Contains(mentions, permanent.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("1.0.0.0", true)]
    [InlineData("192.0.1.255", true)]
    [InlineData("192.0.3.0", true)]
    [InlineData("192.88.98.255", true)]
    [InlineData("192.88.100.0", true)]
    [InlineData("198.51.99.255", true)]
    [InlineData("198.51.101.0", true)]
    [InlineData("203.0.112.255", true)]
    [InlineData("203.0.114.0", true)]
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db9::", true)]
    [InlineData("64:ff9b:2::", true)]
    [InlineData("2001:200::", true)]
    [InlineData("2606:4700:4700::1111", true)]
    public void Neighbours_of_the_rows_are_judged_on_their_own(string address, bool isPublic) =>
        Assert.Equal(isPublic, AddressRanges.Classify(IPAddress.Parse(address)) == AddressClass.Public);

    [Theory]
    [InlineData("169.254.0.0/16")]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData("168.63.0.0/16")]
    public void An_allow_listed_network_never_exempts_a_metadata_address(string entry)
    {
        var policy = new EndpointPolicy(new EndpointPolicyOptions { AllowList = [entry] });

        Assert.False(policy.Validate(new Uri("http://169.254.169.254/latest/meta-data/")).IsAllowed);
        Assert.False(policy.Validate(new Uri("https://[::ffff:168.63.129.16]/")).IsAllowed);
        Assert.False(policy.Check("hooks.example.test", IPAddress.Parse("169.254.169.254")).IsAllowed);
        Assert.False(policy.Check("hooks.example.test", IPAddress.Parse("168.63.129.16")).IsAllowed);
        Assert.False(policy.Check("hooks.example.test", IPAddress.Parse("::ffff:169.254.169.254")).IsAllowed);
    }

    [Theory]
    [InlineData("metadata.google.internal")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("METADATA")]
    public void An_allow_list_entry_naming_a_metadata_service_fails_at_start_up(string entry)
    {
        var error = Assert.Throws<ArgumentException>(() => new EndpointPolicy(new EndpointPolicyOptions { AllowList = [entry] }));
        Assert.Contains("metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allow_listed_host_name_that_resolves_to_a_metadata_address_is_still_refused()
    {
        var policy = new EndpointPolicy(new EndpointPolicyOptions { AllowList = ["receiver.local"] });
        using var http = new DeliveryHttpClient(policy, (_, _) => Task.FromResult(new[] { IPAddress.Parse("169.254.169.254") }));

        var result = await http.PostAsync(Request(new Uri("http://receiver.local/hook")), CancellationToken.None);

        Assert.Contains("metadata", Assert.IsType<DeliveryResult.Permanent>(result).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_rebinds_from_an_allowed_address_to_a_private_one_is_refused_on_the_next_connection()
    {
        // The loopback receiver stands in for "a public address": it is the one allow-listed network. It closes each
        // connection, so the second send has to dial again and the guard sees the second DNS answer.
        await using var receiver = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.Headers.Connection = "close";
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("ok");
        });
        var answers = new Queue<IPAddress>([IPAddress.Loopback, IPAddress.Parse("10.0.0.7")]);
        var lookups = 0;
        var policy = new EndpointPolicy(new EndpointPolicyOptions { AllowList = ["127.0.0.0/8"], RequireHttps = false });
        using var http = new DeliveryHttpClient(policy, (_, _) =>
        {
            lookups++;
            return Task.FromResult(new[] { answers.Count > 1 ? answers.Dequeue() : answers.Peek() });
        });
        var target = new Uri($"http://rebinding.example.test:{receiver.BaseAddress.Port}/hook");

        var first = await http.PostAsync(Request(target), CancellationToken.None);
        var second = await http.PostAsync(Request(target), CancellationToken.None);

        Assert.IsType<DeliveryResult.Delivered>(first);
        var refused = Assert.IsType<DeliveryResult.Permanent>(second);
        Assert.Equal(FailureReason.InvalidTarget, refused.Reason);
        Assert.Equal("target must not point at a private address (10.0.0.7)", refused.Detail);
        Assert.Equal(2, lookups);
        Assert.Single(receiver.Requests);
    }

    private static HttpDeliveryRequest Request(Uri target) =>
        new(target, Encoding.UTF8.GetBytes("{}"), "application/json", [], TimeSpan.FromSeconds(5), DateTimeOffset.UnixEpoch, new SecretRedactor(target));

    /// <summary>Bitwise, because IPNetwork.Contains refuses IPv4-mapped addresses even in <c>::ffff:0:0/96</c>.</summary>
    private static bool InRow(string row, string address)
    {
        var network = IPNetwork.Parse(row);
        var value = new BigInteger(IPAddress.Parse(address).GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var first = new BigInteger(network.BaseAddress.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        var last = new BigInteger(Last(network).GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        return value >= first && value <= last;
    }

    private static IPAddress Last(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        var hostBits = bytes.Length * 8 - network.PrefixLength;
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) | ((BigInteger.One << hostBits) - 1);
        var last = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[bytes.Length];
        last.CopyTo(padded, padded.Length - last.Length);
        return new IPAddress(padded);
    }
}
