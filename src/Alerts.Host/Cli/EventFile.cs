using System.Text.Json;
using Alerts.Core.Model;
using Alerts.Core.Serialization;

namespace Alerts.Host.Cli;

/// <summary>Recorded events as JSON lines, one <see cref="MarketEvent"/> per line. Bad lines are reported by number and skipped.</summary>
public static class EventFile
{
    public static (List<MarketEvent> Events, List<string> Problems) Read(string path)
    {
        var events = new List<MarketEvent>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var marketEvent = JsonSerializer.Deserialize(line, AlertsJsonContext.Default.MarketEvent);
                if (Core.Handlers.EventValidator.Problem(marketEvent) is { } problem)
                {
                    problems.Add($"line {number}: {problem}");
                }
                else
                {
                    events.Add(marketEvent!);
                }
            }
            catch (JsonException exception)
            {
                problems.Add($"line {number}: not a valid event: {exception.Message}");
            }
        }

        return (events, problems);
    }

    public static string ToLine(MarketEvent marketEvent) => JsonSerializer.Serialize(marketEvent, AlertsJsonContext.Default.MarketEvent);
}
