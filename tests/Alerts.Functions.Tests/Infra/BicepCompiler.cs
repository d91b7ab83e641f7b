using System.Reflection;
using System.Text.Json.Nodes;
using Alerts.Functions.Tests.Support;

namespace Alerts.Functions.Tests.Infra;

/// <summary>The real Bicep compiler from the Azure.Bicep.CommandLine.linux-x64 package (a PackageDownload of this project).</summary>
internal static class BicepCompiler
{
    private static readonly Lazy<Task<JsonObject>> Template = new(() => BuildAsync(RepositoryRoot.File("infra", "main.bicep")));

    public static string Executable { get; } = Locate();

    /// <summary>infra/main.bicep compiled once per test run.</summary>
    public static Task<JsonObject> MainTemplateAsync() => Template.Value;

    public static async Task<JsonObject> BuildAsync(string bicepFile)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("alerts-bicep-").FullName, "main.json");
        var result = await RunAsync("build", bicepFile, "--outfile", output);
        Assert.True(result.ExitCode == 0, $"bicep build failed:\n{result.All}");
        return JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject();
    }

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Executable, RepositoryRoot.Path, TimeSpan.FromMinutes(2), arguments);

    private static string Locate()
    {
        var path = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepExecutable").Value!;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep compiler is not at {path}: restore tests/Alerts.Functions.Tests (it is a PackageDownload).");
        }

        // NuGet does not keep the run bit of files in a package (the package is the linux-x64 build of the compiler).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        return path;
    }
}
