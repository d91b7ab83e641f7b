using System.Diagnostics;
using Alerts.Host.Tests.EndToEnd;

namespace Alerts.Host.Tests.Ci;

/// <summary>
/// The supply-chain step of the test run (.ci/vulnerable-packages.sh) on saved registry answers: it fails on a high or
/// critical vulnerability anywhere in the graph, lists lesser ones without failing, and says when the registry could not answer.
/// </summary>
public sealed class VulnerablePackagesCheckTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alerts-vuln-").FullName;

    [Theory]
    [InlineData("High", 1)]
    [InlineData("Critical", 1)]
    [InlineData("Moderate", 0)]
    [InlineData("Low", 0)]
    public async Task A_transitive_vulnerability_fails_the_run_only_when_high_or_critical(string severity, int exitCode)
    {
        var report = $$"""
            {"version":1,"parameters":"--vulnerable --include-transitive","projects":[
              {"path":"src/Alerts.Core/Alerts.Core.csproj"},
              {"path":"src/Alerts.Delivery/Alerts.Delivery.csproj","frameworks":[{"framework":"net10.0",
                "topLevelPackages":[],
                "transitivePackages":[{"id":"Some.Library","resolvedVersion":"1.2.3",
                  "vulnerabilities":[{"severity":"{{severity}}","advisoryurl":"https://github.com/advisories/GHSA-test"}]}]}]}]}
            """;

        var (code, output) = await RunAsync(report);

        Assert.Equal(exitCode, code);
        Assert.Contains($"{severity} Some.Library 1.2.3 https://github.com/advisories/GHSA-test", string.Join(' ', output.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Contains($"1 known ({exitCode} high or critical)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_graph_passes()
    {
        var (code, output) = await RunAsync("""{"version":1,"projects":[{"path":"a.csproj","frameworks":[{"framework":"net10.0","topLevelPackages":[{"id":"A","resolvedVersion":"1.0.0"}]}]}]}""");

        Assert.Equal(0, code);
        Assert.Contains("0 known (0 high or critical)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"version":1,"problems":[{"level":"error","text":"Unable to load the service index for source"}],"projects":[]}""")]
    [InlineData("not json: the command printed an error instead")]
    public async Task When_the_registry_cannot_answer_the_check_says_so_and_is_skipped(string report)
    {
        var (code, output) = await RunAsync(report);

        Assert.Equal(0, code);
        Assert.Contains("check skipped", output, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> RunAsync(string report)
    {
        var file = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, report);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AlertsProcess.RepositoryRoot, ".ci", "vulnerable-packages.sh"));
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output + await error);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
