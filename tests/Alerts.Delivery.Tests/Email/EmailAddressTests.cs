using Alerts.Delivery.Email;

namespace Alerts.Delivery.Tests.Email;

public class EmailAddressTests
{
    [Theory]
    [InlineData("analyst@example.com")]
    [InlineData("first.last+alerts@mail.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x@a-b.io")]
    public void Accepts_ordinary_addresses(string address) => Assert.True(EmailAddress.IsValid(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("analyst")]
    [InlineData("@example.com")]
    [InlineData("analyst@")]
    [InlineData("analyst@localhost")]
    [InlineData("analyst@example")]
    [InlineData("analyst@192.168.0.1")]
    [InlineData("a b@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData(".a@example.com")]
    [InlineData("a@-example.com")]
    [InlineData("a@example..com")]
    [InlineData("Analyst <analyst@example.com>")]
    [InlineData("a@example.com, b@example.com")]
    [InlineData("a@example.com\r\nBcc: victim@example.com")]
    [InlineData("a\"b@example.com")]
    [InlineData("分析师@example.com")]
    public void Refuses_anything_that_is_not_one_bare_address(string? address) => Assert.False(EmailAddress.IsValid(address));

    [Fact]
    public void Refuses_over_long_local_parts() => Assert.False(EmailAddress.IsValid(new string('a', 65) + "@example.com"));
}
