using Alerts.Delivery.Email;

namespace Alerts.Delivery.Tests.SendGrid;

public class UnsubscribeTokenTests
{
    private static readonly byte[] Key = SendGridEmailNotifierTests.UnsubscribeKey;
    private static readonly UnsubscribeClaims Claims = new("t1", "mei-email", "star-market-moments", new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void A_token_verifies_back_to_its_claims()
    {
        var token = UnsubscribeToken.Create(Key, Claims);

        Assert.True(UnsubscribeToken.TryVerify(Key, token, out var claims));
        Assert.Equal(Claims, claims);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
    }

    [Fact]
    public void Changing_any_character_of_a_token_makes_it_fail()
    {
        var token = UnsubscribeToken.Create(Key, Claims);

        for (var i = 0; i < token.Length; i++)
        {
            var tampered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.False(UnsubscribeToken.TryVerify(Key, tampered, out _), $"position {i}");
        }
    }

    [Fact]
    public void A_token_for_another_channel_cannot_be_made_without_the_key()
    {
        var token = UnsubscribeToken.Create(Key, Claims);
        var forged = UnsubscribeToken.Create([.. Key.Select(b => (byte)(b ^ 0xFF))], Claims with { ChannelId = "someone-else" });

        Assert.False(UnsubscribeToken.TryVerify(Key, forged, out _));
        Assert.False(UnsubscribeToken.TryVerify([.. Key.Reverse()], token, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("abc.def")]
    [InlineData("!!!.???")]
    public void Garbage_is_refused_without_throwing(string? token) => Assert.False(UnsubscribeToken.TryVerify(Key, token, out _));

    [Fact]
    public void Short_keys_are_refused() => Assert.Throws<ArgumentException>(() => UnsubscribeToken.Create(new byte[16], Claims));
}
