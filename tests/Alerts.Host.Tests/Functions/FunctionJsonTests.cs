using System.Text.Json.Nodes;
using Alerts.Host.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Alerts.Host.Tests.AzureFunctions;

/// <summary>The generated Functions package against the registry, and the handler's routes against both.</summary>
public sealed class FunctionJsonTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-emit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Emit_writes_one_folder_with_function_json_per_registered_function_and_nothing_else()
    {
        await FunctionJson.EmitAsync(_directory, CancellationToken.None);

        Assert.Equal(
            FunctionRegistry.All.Select(f => f.Name).Order(StringComparer.Ordinal),
            Directory.GetDirectories(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(FunctionRegistry.All, f => Assert.True(File.Exists(Path.Combine(_directory, f.Name, "function.json"))));
    }

    [Fact]
    public async Task Each_function_json_has_the_registry_trigger_outputs_names_queues_and_schedules()
    {
        await FunctionJson.EmitAsync(_directory, CancellationToken.None);

        foreach (var function in FunctionRegistry.All)
        {
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, function.Name, "function.json")))!.AsObject();
            var bindings = json["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
            var trigger = Assert.Single(bindings, b => (string?)b["direction"] == "in");
            Assert.Equal(function.TriggerBindingName, (string?)trigger["name"]);
            switch (function.Trigger)
            {
                case TriggerKind.Timer:
                    Assert.Equal("timerTrigger", (string?)trigger["type"]);
                    Assert.Equal($"%{function.ScheduleSetting}%", (string?)trigger["schedule"]);
                    Assert.True((bool)trigger["useMonitor"]!);
                    Assert.False((bool)trigger["runOnStartup"]!);
                    Assert.Equal("exponentialBackoff", (string?)json["retry"]!["strategy"]);
                    Assert.Equal(FunctionRegistry.TimerRetry.MaxRetryCount, (int)json["retry"]!["maxRetryCount"]!);
                    Assert.Equal("00:00:05", (string?)json["retry"]!["minimumInterval"]);
                    break;
                case TriggerKind.ServiceBus:
                    Assert.Equal("serviceBusTrigger", (string?)trigger["type"]);
                    Assert.Equal(function.QueueName, (string?)trigger["queueName"]);
                    Assert.Equal(FunctionRegistry.ServiceBusConnection, (string?)trigger["connection"]);
                    Assert.False((bool)trigger["isSessionsEnabled"]!);
                    Assert.Null(json["retry"]); // Service Bus retries by redelivery; the host rejects retry policies on it
                    break;
                case TriggerKind.Http:
                    Assert.Equal("httpTrigger", (string?)trigger["type"]);
                    Assert.Equal("function", (string?)trigger["authLevel"]);
                    Assert.Equal(function.Route, (string?)trigger["route"]);
                    Assert.Equal(function.Methods, trigger["methods"]!.AsArray().Select(m => (string)m!));
                    var res = Assert.Single(bindings, b => (string?)b["type"] == "http");
                    Assert.Equal(new JsonObject { ["name"] = "res", ["type"] = "http", ["direction"] = "out" }.ToJsonString(), res.ToJsonString());
                    break;
                default:
                    Assert.Fail($"{function.Name}: unexpected trigger {function.Trigger}");
                    break;
            }

            var queueOutputs = bindings.Where(b => (string?)b["type"] == "serviceBus").ToList();
            Assert.Equal(function.Outputs.Count, queueOutputs.Count);
            foreach (var output in function.Outputs)
            {
                var binding = Assert.Single(queueOutputs, b => (string?)b["name"] == output.BindingName);
                Assert.Equal("out", (string?)binding["direction"]);
                Assert.Equal(output.QueueName, (string?)binding["queueName"]);
                Assert.Equal(FunctionRegistry.ServiceBusConnection, (string?)binding["connection"]);
            }

            Assert.All(bindings, b => Assert.Contains((string?)b["direction"], new[] { "in", "out" }));
        }
    }

    [Fact]
    public void Every_queue_a_function_reads_or_writes_is_a_registered_queue()
    {
        var used = FunctionRegistry.All.SelectMany(f => f.Outputs.Select(o => o.QueueName).Append(f.QueueName)).OfType<string>();

        Assert.All(used, queue => Assert.Contains(queue, FunctionRegistry.Queues.All));
    }

    [Fact]
    public async Task The_handler_maps_GET_root_and_a_POST_route_named_after_every_function()
    {
        await using var app = FunctionsHost.Build(new ConfigurationBuilder().Build(), port: 0);

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();

        Assert.Contains(routes, r => r.Pattern == "/" && r.Methods.Contains("GET"));
        foreach (var function in FunctionRegistry.All)
        {
            Assert.Contains(routes, r => r.Pattern == "/" + function.Name && r.Methods.SequenceEqual(["POST"]));
        }

        Assert.Equal(FunctionRegistry.All.Count, routes.Count(r => r.Methods.Contains("POST")));
    }

    [Fact]
    public void Host_json_points_at_the_published_handler_and_declares_the_bundle_and_service_bus_settings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishedHandler.RepositoryRoot, "host.json")))!.AsObject();

        Assert.Equal("2.0", (string?)host["version"]);
        var description = host["customHandler"]!["description"]!;
        Assert.Equal("handler/alerts", (string?)description["defaultExecutablePath"]);
        Assert.Equal(["functions", "serve"], description["arguments"]!.AsArray().Select(a => (string)a!));
        Assert.False((bool)host["customHandler"]!["enableForwardingHttpRequest"]!);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]!["id"]);
        Assert.Equal("[4.*, 5.0.0)", (string?)host["extensionBundle"]!["version"]);
        Assert.Equal("api", (string?)host["extensions"]!["http"]!["routePrefix"]);
        var serviceBus = host["extensions"]!["serviceBus"]!;
        Assert.Equal(0, (int)serviceBus["prefetchCount"]!);
        Assert.True((bool)serviceBus["autoCompleteMessages"]!);
        Assert.Null(serviceBus["messageHandlerOptions"]); // the 4.x-extension shape, ignored by bundle 4.x
    }

    [Fact]
    public void Local_settings_sample_names_the_custom_runtime_and_every_setting_the_functions_read()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(PublishedHandler.RepositoryRoot, "local.settings.sample.json")))!["Values"]!.AsObject();

        Assert.Equal("custom", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
        var schedules = FunctionRegistry.All.Select(f => f.ScheduleSetting).OfType<string>();
        var connections = new[] { FunctionRegistry.AppSettings.ServiceBusNamespace, FunctionRegistry.AppSettings.TablesEndpoint, FunctionRegistry.AppSettings.SendGridApiKey };
        Assert.All(schedules.Concat(connections).Append("AzureWebJobsStorage"), name => Assert.True(values.ContainsKey(name), name + " is missing"));
    }
}
