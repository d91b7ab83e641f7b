using System.Net;
using Alerts.Delivery.Endpoints;

namespace Alerts.Delivery.Tests.Endpoints;

public class EndpointPolicyTests
{
    private static readonly EndpointPolicy Strict = EndpointPolicy.Strict;

    [Theory]
    [InlineData("8.8.8.8", AddressClass.Public)]
    [InlineData("140.82.112.3", AddressClass.Public)]
    [InlineData("2606:4700:4700::1111", AddressClass.Public)]
    [InlineData("0.0.0.0", AddressClass.Unspecified)]
    [InlineData("::", AddressClass.Unspecified)]
    [InlineData("127.0.0.1", AddressClass.Loopback)]
    [InlineData("127.255.255.254", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("10.0.0.1", AddressClass.Private)]
    [InlineData("10.255.255.255", AddressClass.Private)]
    [InlineData("172.16.0.1", AddressClass.Private)]
    [InlineData("172.31.255.255", AddressClass.Private)]
    [InlineData("172.32.0.1", AddressClass.Public)]
    [InlineData("192.168.1.10", AddressClass.Private)]
    [InlineData("100.64.0.1", AddressClass.Private)]
    [InlineData("fc00::1", AddressClass.Private)]
    [InlineData("fd12:3456:789a::1", AddressClass.Private)]
    [InlineData("169.254.1.1", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("169.254.169.254", AddressClass.Metadata)]
    [InlineData("168.63.129.16", AddressClass.Metadata)]
    [InlineData("fd00:ec2::254", AddressClass.Metadata)]
    [InlineData("224.0.0.1", AddressClass.Multicast)]
    [InlineData("239.255.255.250", AddressClass.Multicast)]
    [InlineData("ff02::1", AddressClass.Multicast)]
    [InlineData("255.255.255.255", AddressClass.Reserved)]
    [InlineData("::ffff:10.0.0.1", AddressClass.Private)]          // IPv4-mapped IPv6 is judged as IPv4
    [InlineData("::ffff:169.254.169.254", AddressClass.Metadata)]
    [InlineData("::ffff:8.8.8.8", AddressClass.Public)]
    [InlineData("64:ff9b::a00:1", AddressClass.Private)]           // NAT64 of 10.0.0.1
    [InlineData("64:ff9b::808:808", AddressClass.Public)]          // NAT64 of 8.8.8.8
    [InlineData("::127.0.0.1", AddressClass.Reserved)]             // IPv4-compatible
    [InlineData("2002:7f00:1::1", AddressClass.Reserved)]          // 6to4
    public void Classifies_addresses(string address, AddressClass expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.com/alerts?token=abc")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("https://example.com:8443/hook")]
    public void Allows_public_https_targets(string url) => Assert.True(Strict.Validate(new Uri(url)).IsAllowed);

    [Theory]
    [InlineData("http://hooks.example.com/alerts", "https")]
    [InlineData("ftp://hooks.example.com/alerts", "https")]
    [InlineData("file:///etc/passwd", "https")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://127.1.2.3/hook", "loopback")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    [InlineData("https://LOCALHOST./hook", "loopback")]
    [InlineData("https://api.localhost/hook", "loopback")]
    [InlineData("https://10.1.2.3/hook", "private")]
    [InlineData("https://172.20.0.5/hook", "private")]
    [InlineData("https://192.168.0.1/hook", "private")]
    [InlineData("https://[fd00::1]/hook", "private")]
    [InlineData("https://169.254.10.10/hook", "link-local")]
    [InlineData("https://[fe80::1]/hook", "link-local")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/", "metadata")]
    [InlineData("https://0.0.0.0/hook", "unspecified")]
    [InlineData("https://[::]/hook", "unspecified")]
    [InlineData("https://224.0.0.251/hook", "multicast")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("https://2130706433/hook", "loopback")]               // 127.0.0.1 as one decimal number
    [InlineData("https://0x7f000001/hook", "loopback")]               // ... and as hex
    public void Refuses_non_public_or_non_https_targets(string url, string reasonMentions)
    {
        var check = Strict.Validate(new Uri(url));

        Assert.False(check.IsAllowed);
        Assert.Contains(reasonMentions, check.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_a_missing_or_relative_target()
    {
        Assert.False(Strict.Validate(null).IsAllowed);
        Assert.Equal("must be an absolute https URL", Strict.Validate(new Uri("/hook", UriKind.Relative)).Reason);
    }

    [Fact]
    public void Reasons_never_repeat_the_url()
    {
        var check = Strict.Validate(new Uri("https://10.0.0.7/hooks/s3cr3t-path-token?key=s3cr3t-query"));

        Assert.DoesNotContain("s3cr3t", check.Reason, StringComparison.Ordinal);
        Assert.Equal("must not point at a private address (10.0.0.7)", check.Reason);
    }

    [Fact]
    public void The_allow_list_lets_listed_addresses_through_over_http()
    {
        var policy = new EndpointPolicy(new EndpointPolicyOptions { AllowList = ["127.0.0.1", "10.20.0.0/16"] });

        Assert.True(policy.Validate(new Uri("http://127.0.0.1:5000/hook")).IsAllowed);
        Assert.True(policy.Validate(new Uri("http://localhost:5000/hook")).IsAllowed);
        Assert.True(policy.Validate(new Uri("https://10.20.3.4/hook")).IsAllowed);
        Assert.True(policy.Check("svc.internal", IPAddress.Parse("10.20.3.4")).IsAllowed);
        Assert.False(policy.Validate(new Uri("https://10.21.0.1/hook")).IsAllowed);
        Assert.False(policy.Validate(new Uri("https://127.0.0.2/hook")).IsAllowed);
        Assert.False(policy.Check("localhost", IPAddress.IPv6Loopback).IsAllowed);
        Assert.False(policy.Validate(new Uri("http://hooks.example.com/hook")).IsAllowed);
    }

    [Fact]
    public void The_allow_list_accepts_host_names()
    {
        var policy = new EndpointPolicy(new EndpointPolicyOptions { AllowList = ["receiver.local"] });

        Assert.True(policy.Validate(new Uri("http://receiver.local:8080/hook")).IsAllowed);
        Assert.True(policy.Check("RECEIVER.local", IPAddress.Parse("192.168.5.5")).IsAllowed);
        Assert.False(policy.Check("other.local", IPAddress.Parse("192.168.5.5")).IsAllowed);
    }

    [Fact]
    public void Plain_http_is_allowed_everywhere_only_when_https_is_not_required()
    {
        var policy = new EndpointPolicy(new EndpointPolicyOptions { RequireHttps = false });

        Assert.True(policy.Validate(new Uri("http://hooks.example.com/alerts")).IsAllowed);
        Assert.False(policy.Validate(new Uri("http://192.168.0.1/alerts")).IsAllowed);
    }

    [Theory]
    [InlineData("not a host!")]
    [InlineData("10.0.0.0/33")]
    public void A_malformed_allow_list_entry_fails_at_start_up(string entry) =>
        Assert.Throws<ArgumentException>(() => new EndpointPolicy(new EndpointPolicyOptions { AllowList = [entry] }));
}
