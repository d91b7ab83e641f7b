namespace Alerts.Host.Functions;

public enum TriggerKind
{
    Timer,
    ServiceBus,
    Http,
}

/// <summary>A Service Bus output binding: the handler returns its messages under <see cref="BindingName"/>.</summary>
public sealed record QueueOutput(string BindingName, string QueueName);

/// <summary>
/// A function-level retry policy (function.json <c>retry</c>). The Functions host honours these only for timer (and Event Hubs,
/// Kafka, Cosmos DB) triggers; Service Bus triggers retry by redelivery instead.
/// </summary>
public sealed record RetryPolicy(int MaxRetryCount, TimeSpan MinimumInterval, TimeSpan MaximumInterval)
{
    public const string Strategy = "exponentialBackoff";
}

/// <summary>
/// One Azure Function: its trigger (a timer schedule given as an app-setting reference, a queue, or an HTTP route) and the queues it
/// writes to. The Functions package (function.json files) and the custom handler's routes are both generated from this.
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    TriggerKind Trigger,
    string TriggerBindingName,
    IReadOnlyList<QueueOutput> Outputs,
    string? ScheduleSetting = null,
    string? QueueName = null,
    string? Route = null,
    IReadOnlyList<string>? Methods = null)
{
    /// <summary>The name of the output binding that writes to <paramref name="queueName"/>.</summary>
    public string OutputTo(string queueName) =>
        Outputs.FirstOrDefault(o => o.QueueName == queueName)?.BindingName
            ?? throw new InvalidOperationException($"Function {Name} has no output to queue '{queueName}'.");
}

/// <summary>The one list of functions. Adding a function is one entry here plus its handler endpoint.</summary>
public static class FunctionRegistry
{
    public const string ServiceBusConnection = "ServiceBusConnection";

    /// <summary>The named http output of every HTTP-triggered function (a named output, never <c>$return</c>: see the custom-handler notes).</summary>
    public const string HttpResponseBinding = "res";

    /// <summary>
    /// App setting with the queues' max delivery count (default 10, the Service Bus default). A queue message whose
    /// <c>DeliveryCount</c> has reached it is on its last try: a failure is recorded in the store before the message dead-letters.
    /// Not in <see cref="AppSettings.All"/>: it is optional and has a default.
    /// </summary>
    public const string MaxQueueDeliveryCountSetting = "Alerts__MaxQueueDeliveryCount";

    /// <summary>Retry of a failed timer run (a store outage during a poll or sweep): a few quick tries, then the next tick.</summary>
    public static RetryPolicy TimerRetry { get; } = new(3, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

    public static class Queues
    {
        public const string Events = "events";
        public const string Deliveries = "deliveries";
        public const string Prices = "prices";

        public static IReadOnlyList<string> All { get; } = [Events, Deliveries, Prices];
    }

    public static class ScheduleSettings
    {
        public const string Poll = "PollSchedule";
        public const string RetryDue = "RetryDueSchedule";
    }

    /// <summary>
    /// App settings the app reads when deployed to Azure (identity-based connections, schedules, secrets). The infrastructure
    /// template must declare every one of these under exactly this name.
    /// </summary>
    public static class AppSettings
    {
        public const string ServiceBusNamespace = ServiceBusConnection + "__fullyQualifiedNamespace";
        public const string ServiceBusCredential = ServiceBusConnection + "__credential";
        public const string ServiceBusClientId = ServiceBusConnection + "__clientId";
        public const string TablesEndpoint = "Alerts__Tables__Endpoint";
        public const string TablesClientId = "Alerts__Tables__ClientId";
        public const string SendGridApiKey = "SendGridApiKey";

        public static IReadOnlyList<string> All { get; } =
            [ServiceBusNamespace, ServiceBusCredential, ServiceBusClientId, TablesEndpoint, TablesClientId, SendGridApiKey, ScheduleSettings.Poll, ScheduleSettings.RetryDue];
    }

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        new("PollSources", TriggerKind.Timer, "timer", [new("events", Queues.Events)], ScheduleSetting: ScheduleSettings.Poll),
        new("RetryDue", TriggerKind.Timer, "timer", [new("events", Queues.Events), new("deliveries", Queues.Deliveries)], ScheduleSetting: ScheduleSettings.RetryDue),
        new("IngestPrices", TriggerKind.ServiceBus, "message", [new("events", Queues.Events)], QueueName: Queues.Prices),
        new("EvaluateEvent", TriggerKind.ServiceBus, "message", [new("deliveries", Queues.Deliveries)], QueueName: Queues.Events),
        new("DeliverAlert", TriggerKind.ServiceBus, "message", [], QueueName: Queues.Deliveries),
        new("PushEvents", TriggerKind.Http, "req", [new("events", Queues.Events)], Route: "events", Methods: ["post"]),
        new("Health", TriggerKind.Http, "req", [], Route: "health", Methods: ["get"]),
    ];
}
