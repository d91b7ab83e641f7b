namespace Alerts.Core.Handlers;

/// <summary>Timing of the pipeline's hand-offs.</summary>
public sealed record PipelineOptions
{
    /// <summary>How long a sent message may take before the sweep assumes it was lost and sends it again.</summary>
    public TimeSpan RedeliveryGrace { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one worker holds a delivery while sending; a crashed worker's lease runs out after this.</summary>
    public TimeSpan DeliveryLease { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest one send may take before the deliver stage cuts it off and records a timeout.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The evaluate stage hands its deliveries to the deliver stage in memory (the standalone driver), so it inserts each one
    /// already leased to that hand-off: the send needs no write of its own before it goes out. Off where deliveries cross a real
    /// queue, whose consumer would find them leased and wait the lease out.
    /// </summary>
    public bool LeaseOnHandOff { get; init; }

    /// <summary>How the store makes alert and delivery ids; the store decides (<see cref="AlertIdLayout"/>).</summary>
    public AlertIdLayout AlertIds { get; init; } = AlertIdLayout.Hashed;

    /// <summary>Most sends in flight to one endpoint at once (a batch's deliveries to one receiver wait for a free slot).</summary>
    public int SendsPerEndpoint { get; init; } = 64;

    /// <summary>
    /// Throws when the settings could let two workers send one delivery at once: the lease must outlast the send timeout with
    /// room to record the attempt.
    /// </summary>
    public PipelineOptions Validated()
    {
        if (SendsPerEndpoint < 1)
        {
            throw new InvalidSettingsException($"At least one send per endpoint must be allowed at a time (got {SendsPerEndpoint}).");
        }

        if (SendTimeout <= TimeSpan.Zero || DeliveryLease < SendTimeout + RecordingAllowance)
        {
            throw new InvalidSettingsException(
                $"The delivery lease ({DeliveryLease}) must be at least the send timeout ({SendTimeout}) plus {RecordingAllowance.TotalSeconds:0} s "
                + "to record the attempt; otherwise a slow send could be taken over and sent twice.");
        }

        return this;
    }

    /// <summary>Time the deliver stage allows itself after a send to write the attempt and the outcome.</summary>
    public static TimeSpan RecordingAllowance { get; } = TimeSpan.FromSeconds(5);
}
