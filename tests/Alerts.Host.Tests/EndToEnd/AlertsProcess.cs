using System.Diagnostics;
using System.Text;

namespace Alerts.Host.Tests.EndToEnd;

/// <summary>What a finished <c>alerts</c> command printed and returned.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}

/// <summary>
/// Runs the real <c>alerts</c> executable (the Host project's build output) as a child process, the way a user or an
/// operator does, with its own data directory and environment.
/// </summary>
public sealed class AlertsProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private AlertsProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public static string HostAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            var path = Path.Combine(RepositoryRoot, "src", "Alerts.Host", "bin", configuration, "net10.0", "alerts.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Alerts.Host first: the end-to-end tests run its output.", path);
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Alerts.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Alerts.sln not found above the test assembly.");
        }
    }

    public static AlertsProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(HostAssembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var wrapper = new AlertsProcess(process);
        process.OutputDataReceived += (_, e) => Append(wrapper._output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(wrapper._errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Runs a command to completion (bounded: a hung command fails the test instead of hanging it).</summary>
    public static async Task<CommandResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        await using var process = Start(workingDirectory, environment, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process._process.WaitForExitAsync(timeout.Token);
        process._process.WaitForExit(); // flushes the redirected streams
        return new CommandResult(process._process.ExitCode, process.Output, process.Errors);
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
