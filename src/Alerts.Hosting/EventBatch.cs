using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Alerts.Core.Handlers;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Hosting;

/// <summary>
/// One event or a JSON array of events, as pushed over HTTP or queued on "prices": each item decoded and validated on its
/// own, so a caller can refuse the whole batch (the push endpoint) or skip the bad items (a queue message).
/// </summary>
public sealed record EventBatch(IReadOnlyList<MarketEvent> Events, IReadOnlyList<string> Problems, string? Malformed)
{
    public static EventBatch Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new([], [], "the body is empty; send one event or an array of events as JSON");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            return new([], [], "not JSON: " + exception.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : new List<JsonElement> { root };
            var events = new List<MarketEvent>();
            var problems = new List<string>();
            for (var i = 0; i < items.Count; i++)
            {
                if (Decode(items[i], out var problem) is { } marketEvent)
                {
                    events.Add(marketEvent);
                }
                else
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}]: {problem}"));
                }
            }

            return new(events, problems, null);
        }
    }

    /// <summary>
    /// The push endpoints' answer to a batch they must refuse whole (400 problem details saying why), or null when every event
    /// is valid. A refused batch changes nothing.
    /// </summary>
    public IResult? Refusal() =>
        Malformed is { } malformed
            ? Results.Problem(title: "Malformed event payload", detail: malformed, statusCode: StatusCodes.Status400BadRequest)
            : Problems.Count > 0
                ? Results.Problem(title: "Invalid events; none were accepted", detail: string.Join("; ", Problems), statusCode: StatusCodes.Status400BadRequest)
                : null;

    /// <summary>Ingests the valid events through the one batch path (oldest first); returns the evaluations to enqueue and how many were already known.</summary>
    public async Task<(IReadOnlyList<EvaluateMessage> Accepted, int Duplicates)> IngestAsync(IngestHandler ingest, CancellationToken cancellationToken, int parallelism = 8)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        var accepted = new List<EvaluateMessage>();
        var duplicates = 0;
        await foreach (var (_, result) in ingest.HandleBatchAsync(Events, parallelism, cancellationToken))
        {
            if (result.Message is { } message)
            {
                accepted.Add(message);
            }

            duplicates += result.Outcome == IngestOutcome.Duplicate ? 1 : 0;
        }

        return (accepted, duplicates);
    }

    private static MarketEvent? Decode(JsonElement item, out string? problem)
    {
        try
        {
            var marketEvent = item.Deserialize(AlertsJsonContext.Default.MarketEvent);
            problem = EventValidator.Problem(marketEvent);
            return problem is null ? marketEvent : null;
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
        {
            problem = "not a valid event: " + exception.Message;
            return null;
        }
    }
}
