using System.Reflection;
using System.Text.Json.Nodes;
using Alerts.Functions.Extensions;
using Alerts.Functions.Tests.Infra;
using Alerts.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Tests.Package;

/// <summary>
/// What the Functions host will read from the published package: functions.metadata lists every function of the code with its
/// trigger, and its queue names and schedule settings are the ones infra/main.bicep and local.settings.sample.json declare.
/// </summary>
public sealed class PublishedPackageTests
{
    [Fact]
    public async Task Metadata_lists_every_function_with_the_trigger_the_code_declares()
    {
        var metadata = await MetadataAsync();

        Assert.Equal(FunctionCatalog.Functions().Select(f => f.Function).Order(), metadata.Keys.Order());
        foreach (var (name, method) in FunctionCatalog.Functions())
        {
            var trigger = Trigger(metadata[name]);
            var parameter = method.GetParameters().Single(p => p.GetCustomAttributes().Any(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)));
            switch (parameter.GetCustomAttributes().First(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)))
            {
                case QueueTriggerAttribute queue:
                    Assert.Equal(("queueTrigger", queue.QueueName), ((string)trigger["type"]!, (string)trigger["queueName"]!));
                    break;
                case TimerTriggerAttribute timer:
                    Assert.Equal(("timerTrigger", timer.Schedule), ((string)trigger["type"]!, (string)trigger["schedule"]!));
                    break;
                case HttpTriggerAttribute http:
                    Assert.Equal(("httpTrigger", http.Route), ((string)trigger["type"]!, (string?)trigger["route"]));
                    Assert.Equal(http.Methods!.Order(), trigger["methods"]!.AsArray().Select(m => (string)m!).Order());
                    break;
                default:
                    Assert.Fail($"{name}: unexpected trigger {parameter.Name}");
                    break;
            }
        }
    }

    [Fact]
    public async Task Queue_names_and_schedules_in_the_metadata_are_declared_by_the_bicep_and_the_settings_sample()
    {
        var metadata = await MetadataAsync();
        var template = new ArmTemplate(await BicepCompiler.MainTemplateAsync());
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("local.settings.sample.json")))!["Values"]!.AsObject();
        var triggers = metadata.Values.Select(Trigger).ToList();

        var queues = triggers.Where(t => (string?)t["type"] == "queueTrigger").Select(t => (string)t["queueName"]!).ToList();
        var schedules = triggers.Where(t => (string?)t["type"] == "timerTrigger").Select(t => ((string)t["schedule"]!).Trim('%')).ToList();
        Assert.Equal(6, queues.Count);
        Assert.Equal(AppSettingNames.Schedules.Order(), schedules.Order());
        Assert.All(queues, q => Assert.Contains(q, template.ArrayVariable("queueNames")));
        Assert.All(schedules, s => Assert.Contains(s, template.AppSettings.Keys));
        Assert.All(schedules, s => Assert.True(sample.ContainsKey(s), $"local.settings.sample.json has no {s}"));
    }

    [Fact]
    public async Task The_package_carries_the_repository_host_json_and_the_queue_extension()
    {
        var directory = await PublishedApp.DirectoryAsync();
        var host = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "host.json")))!.AsObject();
        var extensions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "extensions.json")))!["extensions"]!.AsArray();
        var worker = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "worker.config.json")))!["description"]!;

        Assert.Equal(await File.ReadAllTextAsync(RepositoryRoot.File("host.json")), await File.ReadAllTextAsync(Path.Combine(directory, "host.json")));
        Assert.False(host.ContainsKey("extensionBundle"), "dotnet-isolated apps start with zero functions when host.json declares a bundle");
        Assert.Equal("OpenTelemetry", (string?)host["telemetryMode"]);
        var queues = host["extensions"]!["queues"]!;
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
        Assert.All(new[] { "batchSize", "maxDequeueCount", "visibilityTimeout" }, key => Assert.NotNull(queues[key]));
        Assert.Contains(extensions, e => (string?)e!["name"] == "AzureStorageQueues");
        Assert.Equal(("dotnet-isolated", "Alerts.Functions.dll"), ((string?)worker["language"], (string?)worker["defaultWorkerPath"]));
        Assert.False(File.Exists(Path.Combine(directory, "local.settings.sample.json")), "the settings sample is for developers, not the package");
    }

    [Fact]
    public async Task The_settings_sample_is_identity_based_and_names_every_setting_the_app_needs()
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("local.settings.sample.json")))!["Values"]!.AsObject();

        Assert.Equal("dotnet-isolated", (string?)sample["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.All(AppSettingNames.Required, name => Assert.True(sample.ContainsKey(name), $"local.settings.sample.json has no {name}"));
        Assert.False(sample.ContainsKey(AppSettingNames.Storage));
        Assert.Equal("managedidentity", (string?)sample[AppSettingNames.StorageCredential]);
        Assert.DoesNotContain(sample, p => p.Value!.ToString().Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<Dictionary<string, JsonObject>> MetadataAsync()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(await PublishedApp.DirectoryAsync(), "functions.metadata"));
        return JsonNode.Parse(text)!.AsArray().Select(f => f!.AsObject()).ToDictionary(f => (string)f["name"]!);
    }

    private static JsonObject Trigger(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject()).Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
}
