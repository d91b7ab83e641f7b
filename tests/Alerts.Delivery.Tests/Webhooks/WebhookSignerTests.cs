using System.Text;
using Alerts.Delivery.Webhooks;
using Alerts.Testing;

namespace Alerts.Delivery.Tests.Webhooks;

public class WebhookSignerTests
{
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long SpecTimestamp = 1614265330;
    private static readonly byte[] SpecBody = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

    [Fact]
    public void Signs_the_standard_webhooks_test_vector()
    {
        Assert.True(WebhookSecret.TryParse(SpecSecret, out var secret));

        var signature = WebhookSigner.Sign(SpecId, SpecTimestamp, SpecBody, secret);

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Signs_with_every_secret_during_a_rotation_and_either_key_verifies()
    {
        var secrets = WebhookSecret.ParseList(WebhookSecret.Generate() + " " + SpecSecret)!;
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(SpecTimestamp));

        var header = WebhookSigner.Sign(SpecId, SpecTimestamp, SpecBody, secrets);

        var entries = header.Split(' ');
        Assert.Equal(2, entries.Length);
        Assert.All(entries, e => Assert.StartsWith("v1,", e, StringComparison.Ordinal));
        Assert.Contains("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", entries);
        foreach (var secret in secrets)
        {
            Assert.True(new WebhookVerifier(secret, clock).Verify(SpecId, SpecTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), header, SpecBody).IsValid);
        }
    }

    [Fact]
    public void Refuses_an_id_containing_the_delimiter()
    {
        Assert.True(WebhookSecret.TryParse(SpecSecret, out var secret));

        Assert.Throws<ArgumentException>(() => WebhookSigner.Sign("msg.1", SpecTimestamp, SpecBody, secret));
    }
}
