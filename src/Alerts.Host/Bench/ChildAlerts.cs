using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Alerts.Host.Bench;

/// <summary>This same <c>alerts</c> executable run as a child process (a started <c>alerts run</c>, or a one-shot command).</summary>
public sealed class ChildAlerts : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };

    private ChildAlerts(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

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

    public static ChildAlerts Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start(environment, 0, arguments);

    /// <summary>Starts <c>alerts run</c> on a free loopback port and waits until /health answers.</summary>
    public static async Task<ChildAlerts> RunServiceAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var child = Start(environment, port, "run", "--port", port.ToString(CultureInfo.InvariantCulture));
        while (true)
        {
            if (child._process.HasExited)
            {
                throw new InvalidOperationException("alerts run exited at start:\n" + child.Errors);
            }

            try
            {
                await child.HealthAsync(cancellationToken);
                return child;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Runs a one-shot command to completion; returns its exit code and how long it took.</summary>
    public static async Task<(int ExitCode, TimeSpan Elapsed, string Errors)> RunToEndAsync(
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        var started = Stopwatch.GetTimestamp();
        await using var child = Start(environment, 0, arguments);
        await child._process.WaitForExitAsync(cancellationToken);
        child._process.WaitForExit();
        return (child._process.ExitCode, Stopwatch.GetElapsedTime(started), child.Errors);
    }

    public async Task<JsonElement> HealthAsync(CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(Url("/health"), cancellationToken));
        return document.RootElement.Clone();
    }

    public async Task PushAsync(string jsonArray, CancellationToken cancellationToken)
    {
        using var content = new StringContent(jsonArray, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(Url("/api/events"), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"push answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Resident memory now and at its peak, from /proc (Linux), in MB.</summary>
    public (double Current, double Peak) Memory()
    {
        double Read(string field)
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }

        try
        {
            return (Read("VmRSS:"), Read("VmHWM:"));
        }
        catch (IOException)
        {
            return (double.NaN, double.NaN);
        }
    }

    /// <summary>CPU time the process has used so far (user + system), so costs can be compared on a busy machine.</summary>
    public TimeSpan CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ChildAlerts Start(IReadOnlyDictionary<string, string> environment, int port, params string[] arguments)
    {
        // Run as `alerts ...` or `dotnet alerts.dll ...`, whichever way this process was started.
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(ChildAlerts).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var child = new ChildAlerts(process, port);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (child._errors)
            {
                child._errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
