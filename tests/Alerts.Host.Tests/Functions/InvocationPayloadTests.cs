using System.Text;
using System.Text.Json.Nodes;
using Alerts.Host.Functions;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>Every encoding the host uses for scalars and bodies (reference §1.4, §1.5.2), decoded the same way.</summary>
public sealed class InvocationPayloadTests
{
    [Theory]
    [InlineData("\"1\"", 1)] // what the host sends: JsonConvert.SerializeObject(1) as a string
    [InlineData("1", 1)] // a plain number
    [InlineData("\"\\\"7\\\"\"", 7)] // one layer more
    [InlineData("\"x\"", null)]
    [InlineData("null", null)]
    public void Delivery_count_is_read_from_every_form(string json, int? expected) =>
        Assert.Equal(expected, InvocationPayload.Integer(JsonNode.Parse(json)));

    [Theory]
    [InlineData("\"\\\"abc\\\"\"", "abc")] // MessageId as captured
    [InlineData("\"abc\"", "abc")]
    [InlineData("true", "true")]
    public void Scalars_lose_their_string_layers(string json, string expected) =>
        Assert.Equal(expected, InvocationPayload.Scalar(JsonNode.Parse(json)));

    public static TheoryData<string, string> Bodies => new()
    {
        { "twice", "\"\\\"{\\\\\\\"eventId\\\\\\\":\\\\\\\"e1\\\\\\\"}\\\"\"" },
        { "once", "\"{\\\"eventId\\\":\\\"e1\\\"}\"" },
        { "raw", "{\"eventId\":\"e1\"}" },
        { "binary", "\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"eventId\":\"e1\"}")) + "\"" },
        { "binary with BOM", "\"" + Convert.ToBase64String([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("{\"eventId\":\"e1\"}")]) + "\"" },
        { "binary, then string-encoded", "\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("\"{\\\"eventId\\\":\\\"e1\\\"}\"")) + "\"" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Bodies_decode_to_the_same_object(string form, string json)
    {
        var body = InvocationPayload.Body(JsonNode.Parse(json), out var problem);

        Assert.True(problem is null, form + ": " + problem);
        Assert.Equal("e1", (string?)body!["eventId"]);
    }

    [Theory]
    [InlineData("\"hello\"", "neither JSON nor base64")]
    [InlineData("\"\\\"hello\\\"\"", "neither JSON nor base64")]
    [InlineData("\"42\"", "Number")]
    [InlineData("\"\"", "empty")]
    [InlineData("null", "no body")]
    [InlineData("\"YWJjZA==\"", "neither JSON nor base64")] // base64 of "abcd": decodes, but not to JSON
    public void Undecodable_bodies_say_why(string json, string reason)
    {
        var body = InvocationPayload.Body(JsonNode.Parse(json), out var problem);

        Assert.Null(body);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrays_survive_double_encoding()
    {
        var once = "[{\"a\":1},{\"a\":2}]";
        var twice = System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(once));

        var body = InvocationPayload.Body(JsonNode.Parse(twice), out _);

        Assert.Equal(2, Assert.IsType<JsonArray>(body).Count);
    }
}
