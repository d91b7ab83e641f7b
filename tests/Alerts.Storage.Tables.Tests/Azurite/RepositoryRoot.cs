namespace Alerts.Storage.Tables.Tests.Azurite;

internal static class RepositoryRoot
{
    /// <summary>The nearest directory above the test binaries that holds Alerts.sln.</summary>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Alerts.sln above {AppContext.BaseDirectory}: cannot find node_modules for Azurite.");
    }
}
