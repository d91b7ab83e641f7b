using Alerts.Hosting.Configuration;
using Alerts.Host.Standalone;

namespace Alerts.Host.Cli;

/// <summary>Takes the data directory's lock for a command that runs the pipeline itself, or says clearly who has it.</summary>
internal static class PipelineOwnership
{
    public static async Task<DataDirectoryLock?> AcquireAsync(AlertsSettings settings, string command, string whatToDoInstead)
    {
        var (acquired, holder) = DataDirectoryLock.TryAcquire(settings, command);
        if (acquired is null)
        {
            await Console.Error.WriteLineAsync(
                $"error: {holder} is running the pipeline on {Path.GetFullPath(settings.ResolvedDatabasePath)}; {whatToDoInstead}");
        }

        return acquired;
    }
}
