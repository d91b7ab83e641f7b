using System.Text;
using Alerts.Delivery.Webhooks;
using Alerts.Testing;

namespace Alerts.Delivery.Tests.Webhooks;

public class WebhookVerifierTests
{
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    private static WebhookVerifier Verifier(DateTimeOffset now, string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    {
        Assert.True(WebhookSecret.TryParse(secret, out var parsed));
        return new WebhookVerifier(parsed, new ManualTimeProvider(now));
    }

    [Fact]
    public void Accepts_the_spec_vector() =>
        Assert.True(Verifier(SentAt).Verify(Id, Timestamp, Signature, Body).IsValid);

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Accepts_timestamps_at_the_edge_of_the_tolerance(int skewSeconds) =>
        Assert.True(Verifier(SentAt.AddSeconds(skewSeconds)).Verify(Id, Timestamp, Signature, Body).IsValid);

    [Fact]
    public void Rejects_a_tampered_body()
    {
        var result = Verifier(SentAt).Verify(Id, Timestamp, Signature, Encoding.UTF8.GetBytes("{\"test\": 2432232315}"));

        Assert.Equal(WebhookVerificationFailure.NoMatchingSignature, result.Failure);
    }

    [Fact]
    public void Rejects_a_stale_timestamp()
    {
        var result = Verifier(SentAt.AddMinutes(5).AddSeconds(1)).Verify(Id, Timestamp, Signature, Body);

        Assert.Equal(WebhookVerificationFailure.TimestampTooOld, result.Failure);
        Assert.Contains("too old", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_future_timestamp()
    {
        var result = Verifier(SentAt.AddMinutes(-5).AddSeconds(-1)).Verify(Id, Timestamp, Signature, Body);

        Assert.Equal(WebhookVerificationFailure.TimestampTooNew, result.Failure);
    }

    [Theory]
    [InlineData(null, Timestamp, Signature, "webhook-id")]
    [InlineData(Id, null, Signature, "webhook-timestamp")]
    [InlineData(Id, Timestamp, null, "webhook-signature")]
    [InlineData(Id, Timestamp, "", "webhook-signature")]
    public void Rejects_a_missing_header(string? id, string? timestamp, string? signature, string named)
    {
        var result = Verifier(SentAt).Verify(id, timestamp, signature, Body);

        Assert.Equal(WebhookVerificationFailure.MissingHeader, result.Failure);
        Assert.Contains(named, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("1614265330.5")]
    [InlineData("-1614265330")]
    public void Rejects_a_timestamp_that_is_not_unix_seconds(string timestamp) =>
        Assert.Equal(WebhookVerificationFailure.InvalidTimestamp, Verifier(SentAt).Verify(Id, timestamp, Signature, Body).Failure);

    [Fact]
    public void Rejects_the_wrong_secret() =>
        Assert.Equal(
            WebhookVerificationFailure.NoMatchingSignature,
            Verifier(SentAt, WebhookSecret.Generate()).Verify(Id, Timestamp, Signature, Body).Failure);

    [Fact]
    public void Rejects_a_signature_bound_to_another_id_or_timestamp()
    {
        Assert.False(Verifier(SentAt).Verify("msg_other", Timestamp, Signature, Body).IsValid);
        Assert.False(Verifier(SentAt).Verify(Id, "1614265331", Signature, Body).IsValid);
    }

    [Fact]
    public void Accepts_any_matching_v1_entry_and_ignores_other_versions_and_garbage()
    {
        var header = "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,not-base64 v1,AAAA " + Signature;

        Assert.True(Verifier(SentAt).Verify(Id, Timestamp, header, Body).IsValid);
        Assert.False(Verifier(SentAt).Verify(Id, Timestamp, "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Body).IsValid);
    }
}
