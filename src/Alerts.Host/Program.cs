using System.CommandLine;
using Alerts.Host.Cli;

// Ctrl+C and SIGTERM cancel the running command; the wait must outlast the service's own graceful shutdown (ShutdownGrace).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(45) };
return await AlertsCli.Build().Parse(args).InvokeAsync(invocation);
