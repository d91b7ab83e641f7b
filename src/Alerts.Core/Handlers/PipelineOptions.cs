namespace Alerts.Core.Handlers;

/// <summary>Timing of the pipeline's hand-offs.</summary>
public sealed record PipelineOptions
{
    /// <summary>How long a sent message may take before the sweep assumes it was lost and sends it again.</summary>
    public TimeSpan RedeliveryGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one worker holds a delivery while sending; a crashed worker's lease runs out after this.</summary>
    public TimeSpan DeliveryLease { get; init; } = TimeSpan.FromMinutes(1);
}
