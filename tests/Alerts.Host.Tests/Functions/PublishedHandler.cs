using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Alerts.Host.Tests.AzureFunctions;

[CollectionDefinition(Name)]
public sealed class PublishedHandlerCollection : ICollectionFixture<PublishedHandler>
{
    public const string Name = "published custom handler";
}

/// <summary>
/// The custom handler exactly as it is deployed: <c>artifacts/functionapp/handler/alerts</c> from <c>infra/package.sh</c>
/// (which the CI script runs before the tests), or, when that is missing or older than the sources, a fresh
/// self-contained publish into a temporary folder (slow, once per test run). Also holds the function.json files the
/// published binary generates, which the contract tests hold the handler's outputs against.
/// </summary>
public sealed class PublishedHandler : IAsyncLifetime
{
    private string? _temporary;

    public string Executable { get; private set; } = string.Empty;

    /// <summary>Where the executable came from, for test output.</summary>
    public string Origin { get; private set; } = string.Empty;

    /// <summary>The function app root the host would use (the folder holding host.json and the function folders).</summary>
    public string AppRoot { get; private set; } = string.Empty;

    /// <summary>function.json per function name, as <c>alerts functions emit</c> of the published binary writes them.</summary>
    public IReadOnlyDictionary<string, JsonObject> FunctionJson { get; private set; } = new Dictionary<string, JsonObject>();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        var packaged = Path.Combine(RepositoryRoot, "artifacts", "functionapp", "handler", "alerts");
        if (Environment.GetEnvironmentVariable("ALERTS_FUNCTIONS_HANDLER") is { Length: > 0 } given)
        {
            Executable = given;
            Origin = "ALERTS_FUNCTIONS_HANDLER";
        }
        else if (File.Exists(packaged) && !IsStale(packaged))
        {
            Executable = packaged;
            Origin = "infra/package.sh output";
        }
        else
        {
            _temporary = Directory.CreateTempSubdirectory("alerts-handler-").FullName;
            var handlerDirectory = Path.Combine(_temporary, "app", "handler");
            await RunAsync(
                "dotnet",
                ["publish", Path.Combine(RepositoryRoot, "src", "Alerts.Host", "Alerts.Host.csproj"), "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
                    "-p:PublishSingleFile=false", "--artifacts-path", Path.Combine(_temporary, "build"), "-o", handlerDirectory, "-nologo", "-v", "quiet"],
                TimeSpan.FromMinutes(15));
            Executable = Path.Combine(handlerDirectory, "alerts");
            Origin = "published for this test run";
        }

        AppRoot = Path.GetDirectoryName(Path.GetDirectoryName(Executable)!)!;
        _temporary ??= Directory.CreateTempSubdirectory("alerts-handler-").FullName;
        var emitted = Path.Combine(_temporary, "emitted");
        await RunAsync(Executable, ["functions", "emit", emitted], TimeSpan.FromMinutes(1));
        FunctionJson = Directory.GetDirectories(emitted).ToDictionary(
            dir => Path.GetFileName(dir),
            dir => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "function.json")))!,
            StringComparer.Ordinal);
    }

    public Task DisposeAsync()
    {
        if (_temporary is not null)
        {
            try
            {
                Directory.Delete(_temporary, recursive: true);
            }
            catch (IOException)
            {
                // A handler still shutting down may hold a file; the temp folder is cleaned by the OS eventually.
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Output binding names declared in the published function.json of <paramref name="function"/>.</summary>
    public IReadOnlySet<string> OutputBindings(string function) =>
        FunctionJson[function]["bindings"]!.AsArray()
            .Where(b => (string?)b!["direction"] == "out")
            .Select(b => (string)b!["name"]!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Runs a command to completion; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            // The child sees only the Alerts settings given here, never a developer's or CI's (a Tables connection, say).
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Alerts__", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            foreach (var (key, value) in environment.Where(e => e.Value is not null))
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        }

        return output;
    }

    /// <summary>True when a source file is newer than the packaged handler (a stale package would test old code).</summary>
    private static bool IsStale(string packaged)
    {
        var built = File.GetLastWriteTimeUtc(Path.Combine(Path.GetDirectoryName(packaged)!, "alerts.dll"));
        var sources = Path.Combine(RepositoryRoot, "src");
        return Directory.EnumerateFiles(sources, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > built);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Alerts.sln not found above " + AppContext.BaseDirectory);
    }
}
