namespace Alerts.Functions.Extensions;

/// <summary>The Storage queues between the stages; the Functions host moves a message that keeps failing to its poison queue.</summary>
public static class QueueNames
{
    public const string Events = "events";
    public const string Deliveries = "deliveries";
    public const string Prices = "prices";

    public const string EventsPoison = Events + PoisonSuffix;
    public const string DeliveriesPoison = Deliveries + PoisonSuffix;
    public const string PricesPoison = Prices + PoisonSuffix;

    public const string PoisonSuffix = "-poison";

    public static IReadOnlyList<string> All { get; } = [Events, Deliveries, Prices, EventsPoison, DeliveriesPoison, PricesPoison];
}
