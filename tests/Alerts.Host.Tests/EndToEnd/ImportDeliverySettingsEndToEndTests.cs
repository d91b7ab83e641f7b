using System.Text.Json.Nodes;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>Channel kinds, templates and time zones are checked when imported: each problem named by its field, nothing written.</summary>
public sealed class ImportDeliverySettingsEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("alerts-import-delivery-").FullName;

    private string Data => Path.Combine(_work, "data");

    [Fact]
    public async Task Bad_templates_time_zones_and_channel_settings_are_named_and_nothing_is_written()
    {
        var document = JsonNode.Parse(CatalogFiles.Valid(new Uri("https://hooks.example.com/desk")))!.AsObject();
        document["channels"]!.AsArray().Add(new JsonObject { ["id"] = "bus", ["name"] = "Bus", ["kind"] = "ServiceBus", ["target"] = "https://not-a-bus/q" });
        document["channels"]![0]!["headers"] = new JsonObject { ["webhook-id"] = "mine" };
        var subscription = document["subscriptions"]![0]!.AsObject();
        subscription["timeZone"] = "Mars/Olympus_Mons";
        subscription["quietHours"] = new JsonObject { ["from"] = "22:00", ["until"] = "7am" };
        subscription["templates"] = new JsonObject
        {
            ["desk"] = new JsonObject { ["title"] = "{{ company ", ["body"] = "{{ password }}" },
            ["nobody"] = new JsonObject { ["subject"] = "{{ title }}" },
        };
        var file = Path.Combine(_work, "bad.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());

        var result = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", file);

        Assert.Equal(2, result.ExitCode);
        foreach (var field in new[]
        {
            "channels[2].target", "channels[0].headers", "subscriptions[0].timeZone", "subscriptions[0].quietHours.until", "subscriptions[0].templates.desk.title",
            "subscriptions[0].templates.desk.body", "subscriptions[0].templates.nobody",
        })
        {
            Assert.Contains(field, result.Errors, StringComparison.Ordinal);
        }

        Assert.Contains("nothing was written", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_templates_and_new_channel_kinds_import()
    {
        var document = JsonNode.Parse(CatalogFiles.Valid(new Uri("https://hooks.example.com/desk")))!.AsObject();
        document["channels"]!.AsArray().Add(new JsonObject { ["id"] = "bus", ["name"] = "Bus", ["kind"] = "ServiceBus", ["target"] = "sb://team.servicebus.windows.net/alerts" });
        document["channels"]!.AsArray().Add(new JsonObject { ["id"] = "chat", ["name"] = "Chat", ["kind"] = "Slack", ["target"] = "https://hooks.slack.com/services/T/B/X" });
        var subscription = document["subscriptions"]![0]!.AsObject();
        subscription["channelIds"] = new JsonArray("desk", "mei", "bus", "chat");
        subscription["timeZone"] = "Asia/Hong_Kong";
        subscription["quietHours"] = new JsonObject { ["from"] = "22:00", ["until"] = "07:00" };
        subscription["digest"] = new JsonObject { ["at"] = new JsonArray("08:00", "18:00") };
        subscription["templates"] = new JsonObject { ["chat"] = new JsonObject { ["title"] = "{{ company_en }} {{ company_zh }}: {{ title | truncate: 80 }}" } };
        var file = Path.Combine(_work, "good.json");
        await File.WriteAllTextAsync(file, document.ToJsonString());

        var result = await AlertsProcess.RunAsync(_work, CatalogFiles.Environment(Data), "import", file);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
