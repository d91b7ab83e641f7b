using Alerts.Delivery.Webhooks;

namespace Alerts.Delivery.Tests.Webhooks;

public class WebhookSecretTests
{
    [Fact]
    public void Generated_secrets_parse_back_and_differ()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(WebhookSecret.TryParse(first, out _));
        Assert.Equal(32, Convert.FromBase64String(first["whsec_".Length..]).Length);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(65)]
    public void Generating_outside_24_to_64_bytes_is_refused(int bytes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookSecret.Generate(bytes));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")] // no prefix
    [InlineData("whsec_")]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")] // 23 bytes
    public void Malformed_or_short_secrets_are_refused(string? text) =>
        Assert.False(WebhookSecret.TryParse(text, out _));

    [Fact]
    public void A_secret_never_prints_its_key()
    {
        Assert.True(WebhookSecret.TryParse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", out var secret));

        Assert.Equal("whsec_***", secret.ToString());
    }

    [Fact]
    public void A_list_is_refused_when_any_entry_is_malformed()
    {
        Assert.Equal(2, WebhookSecret.ParseList(WebhookSecret.Generate() + "  " + WebhookSecret.Generate())!.Count);
        Assert.Null(WebhookSecret.ParseList(WebhookSecret.Generate() + " whsec_short"));
        Assert.Null(WebhookSecret.ParseList("   "));
    }
}
