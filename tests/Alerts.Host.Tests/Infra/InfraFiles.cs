namespace Alerts.Host.Tests.Infra;

/// <summary>The infrastructure files of the repository this test run was built from.</summary>
internal static class InfraFiles
{
    public static string Root { get; } = FindRepositoryRoot();

    public static string Directory { get; } = Path.Combine(Root, "infra");

    /// <summary>The Functions host.json at the repository root (packaged with the function folders).</summary>
    public static string HostJson => File.ReadAllText(Path.Combine(Root, "host.json"));

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
