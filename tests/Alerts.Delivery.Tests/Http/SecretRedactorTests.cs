using Alerts.Delivery.Http;

namespace Alerts.Delivery.Tests.Http;

public class SecretRedactorTests
{
    private static readonly Uri Target = new("https://hooks.example.com/services/T0AAAA/B0BBBB/xyzSecretToken42?key=q-secret-value&v=1");

    [Theory]
    [InlineData("Cannot POST /services/T0AAAA/B0BBBB/xyzSecretToken42?key=q-secret-value&v=1")]
    [InlineData("unknown token xyzSecretToken42")]
    [InlineData("bad key q-secret-value")]
    [InlineData("see https://hooks.example.com/services/T0AAAA/B0BBBB/xyzSecretToken42?key=q-secret-value&v=1")]
    public void Scrubs_the_url_and_its_tokens_from_echoed_text(string echoed)
    {
        var redacted = new SecretRedactor(Target).Redact(echoed);

        Assert.DoesNotContain("xyzSecretToken42", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("q-secret-value", redacted, StringComparison.Ordinal);
        Assert.Contains("[redacted]", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrubs_extra_secrets_and_a_secrets_beginning_cut_off_at_the_end_of_truncated_text()
    {
        var redactor = new SecretRedactor(Target, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Assert.Equal("key [redacted]", redactor.Redact("key whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        Assert.Equal("echo [redacted]", redactor.Redact("echo xyzSecretTo", truncated: true));
        Assert.Equal("echo xyzSecretTo", redactor.Redact("echo xyzSecretTo", truncated: false));
    }

    [Fact]
    public void Leaves_ordinary_text_alone() =>
        Assert.Equal("invalid_payload", new SecretRedactor(Target).Redact("invalid_payload"));
}
