using System.CommandLine;
using Alerts.Host.Cli;
using Alerts.Hosting.Configuration;

namespace Alerts.Host.Functions;

/// <summary><c>alerts functions serve|emit</c>: the Azure Functions custom handler and the function.json generator.</summary>
public static class FunctionsCommand
{
    public static Command Create()
    {
        var port = new Option<int?>("--port") { Description = $"Loopback port to listen on (default: ${FunctionsHost.PortVariable}, set by the Functions host)" };
        var serve = new Command("serve", "Run as the Azure Functions custom handler: Kestrel on 127.0.0.1, POST /{FunctionName} per function") { port };
        serve.SetAction(async (parse, cancellationToken) =>
        {
            if (FunctionsHost.ResolvePort(parse.GetValue(port)) is not { } chosen)
            {
                await Console.Error.WriteLineAsync($"error: set {FunctionsHost.PortVariable} (the Functions host does) or pass --port");
                return 2;
            }

            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(CliOptions.DataDirectory) is { } data)
            {
                overrides["Alerts:DataDirectory"] = data;
            }

            await using var app = FunctionsHost.Build(SettingsLoader.Configuration(overrides), chosen);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });

        var directory = new Argument<DirectoryInfo>("dir") { Description = "Function app root: one folder with function.json per function is written here" };
        var emit = new Command("emit", "Write function.json for every function in the registry") { directory };
        emit.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(directory)!;
            foreach (var path in await FunctionJson.EmitAsync(target.FullName, cancellationToken))
            {
                Console.WriteLine(Path.GetRelativePath(target.FullName, path));
            }

            return 0;
        });

        return new Command("functions", "Azure Functions: run the custom handler, generate function.json files") { serve, emit };
    }
}
