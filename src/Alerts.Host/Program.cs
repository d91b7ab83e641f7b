using Alerts.Host.Cli;

return await AlertsCli.Build().Parse(args).InvokeAsync();
