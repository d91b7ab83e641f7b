namespace Alerts.Host.Tests.Infra;

/// <summary>The infrastructure files of the repository this test run was built from.</summary>
internal static class InfraFiles
{
    public static string Directory { get; } = Path.Combine(FindRepositoryRoot(), "infra");

    public static string Template => File.ReadAllText(Path.Combine(Directory, "main.bicep"));

    public static string Parameters => File.ReadAllText(Path.Combine(Directory, "main.bicepparam"));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Alerts.sln above {AppContext.BaseDirectory}.");
    }
}
