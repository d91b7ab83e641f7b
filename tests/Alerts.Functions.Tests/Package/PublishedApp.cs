using Alerts.Functions.Tests.Support;

namespace Alerts.Functions.Tests.Package;

/// <summary>
/// The deployable app: artifacts/functionapp as infra/package.sh left it (tests/test.sh runs it first), or, when it is missing,
/// a fresh <c>dotnet publish</c> of src/Alerts.Functions made once for this test run.
/// </summary>
internal static class PublishedApp
{
    private static readonly Lazy<Task<string>> Directory = new(LocateAsync);

    public static Task<string> DirectoryAsync() => Directory.Value;

    private static async Task<string> LocateAsync()
    {
        var packaged = RepositoryRoot.File("artifacts", "functionapp");
        if (File.Exists(Path.Combine(packaged, "functions.metadata")))
        {
            return packaged;
        }

        var output = System.IO.Directory.CreateTempSubdirectory("alerts-functions-publish-").FullName;
        var result = await ProcessRunner.RunAsync(
            "dotnet", RepositoryRoot.Path, TimeSpan.FromMinutes(10),
            "publish", RepositoryRoot.File("src", "Alerts.Functions", "Alerts.Functions.csproj"), "-c", "Release", "-r", "linux-x64",
            "--self-contained", "false", "-o", output, "-nologo", "-v", "quiet");
        Assert.True(result.ExitCode == 0, $"dotnet publish failed:\n{result.All}");
        return output;
    }
}
