using System.Diagnostics;
using System.Text.Json;
using Alerts.Core.Handlers;
using Alerts.Core.Serialization;
using Alerts.Core.Telemetry;

namespace Alerts.Core.Tests.Telemetry;

/// <summary>The W3C trace context a queue message carries between stages, and the messages queued before it existed.</summary>
public sealed class TraceContextTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void Messages_carry_the_context_as_traceparent_and_older_bodies_without_it_still_read()
    {
        var json = JsonSerializer.Serialize(new DeliverMessage("t1", "dl_1", TraceParent), AlertsJsonContext.Default.DeliverMessage);

        Assert.Contains($"\"traceparent\":\"{TraceParent}\"", json, StringComparison.Ordinal);
        Assert.Equal(new EvaluateMessage("hkex:1"), JsonSerializer.Deserialize("""{"eventId":"hkex:1"}""", AlertsJsonContext.Default.EvaluateMessage));
        Assert.Equal(new DeliverMessage("t1", "dl_1"), JsonSerializer.Deserialize("""{"tenantId":"t1","deliveryId":"dl_1"}""", AlertsJsonContext.Default.DeliverMessage));
        Assert.DoesNotContain("traceparent", JsonSerializer.Serialize(new EvaluateMessage("hkex:1"), AlertsJsonContext.Default.EvaluateMessage), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_sent_inside_a_span_names_it_and_one_sent_outside_keeps_what_it_had()
    {
        using var source = new ActivitySource("trace-context-test");
        using var listener = Listen(source.Name);
        var previous = new EvaluateMessage("hkex:1", TraceParent);

        Assert.Equal(previous, TraceContext.Stamp(previous));
        using (var producer = source.StartActivity("produce"))
        {
            var stamped = TraceContext.Stamp(previous);
            Assert.Equal(producer!.Id, stamped.TraceParent);
            Assert.Equal(producer.TraceId, TraceContext.Parent(stamped.TraceParent).TraceId);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("00-not-a-trace")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public void A_missing_or_malformed_context_names_no_parent(string? traceParent) =>
        Assert.Equal(default, TraceContext.Parent(traceParent));

    private static ActivityListener Listen(string name)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
