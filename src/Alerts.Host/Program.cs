using System.CommandLine;
using Alerts.Core;
using Alerts.Host.Cli;

// Ctrl+C and SIGTERM cancel the running command; the wait must outlast the service's own graceful shutdown (ShutdownGrace).
// A setting that cannot work is one line naming it (exit 2), not a stack trace; anything else is a bug and shows in full.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(45), EnableDefaultExceptionHandler = false };
try
{
    return await AlertsCli.Build().Parse(args).InvokeAsync(invocation);
}
catch (InvalidSettingsException exception)
{
    await Console.Error.WriteLineAsync("error: " + exception.Message);
    return 2;
}
