using System.Globalization;
using Alerts.Hosting.Configuration;

namespace Alerts.Host.Standalone;

/// <summary>
/// Who is running the pipeline on a store: <c>alerts run</c> holds this lock for its whole life, and the commands that drive the
/// pipeline themselves (replay, redeliver, demo) take it for theirs, so two of them never work the same pending rows. It is an
/// exclusive lock on a file next to the database, held by the open handle: the operating system lets go of it when the process
/// ends, however it ends (kill -9 included), so a crash never leaves a stale lock behind.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static string PathFor(AlertsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Path.GetFullPath(settings.ResolvedDatabasePath) + ".lock";
    }

    /// <summary>The lock, or null with a sentence naming who holds it.</summary>
    public static (DataDirectoryLock? Lock, string? Holder) TryAcquire(AlertsSettings settings, string command)
    {
        var path = PathFor(settings);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

            // The locked file cannot be read by others, so who holds it is written beside it.
            File.WriteAllText(path + ".owner", string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId} {command}"));
            return (new DataDirectoryLock(file), null);
        }
        catch (IOException)
        {
            return (null, Describe(path));
        }
    }

    public void Dispose() => _file.Dispose();

    private static string Describe(string path)
    {
        try
        {
            var parts = File.ReadAllText(path + ".owner").Split(' ', 2);
            return parts.Length == 2 ? $"'alerts {parts[1]}' (process {parts[0]})" : "another alerts process";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "another alerts process";
        }
    }
}
