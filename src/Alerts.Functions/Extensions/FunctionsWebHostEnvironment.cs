using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Alerts.Functions.Extensions;

/// <summary>
/// The web host environment the page's Razor components ask for, registered only where the worker has none of its own:
/// the page serves no files, so its roots are the app's folder and an empty provider.
/// </summary>
internal sealed class FunctionsWebHostEnvironment(IHostEnvironment? host) : IWebHostEnvironment
{
    public string WebRootPath { get; set; } = host?.ContentRootPath ?? AppContext.BaseDirectory;

    public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();

    public string ApplicationName { get; set; } = host?.ApplicationName ?? "Alerts.Functions";

    public IFileProvider ContentRootFileProvider { get; set; } = host?.ContentRootFileProvider ?? new NullFileProvider();

    public string ContentRootPath { get; set; } = host?.ContentRootPath ?? AppContext.BaseDirectory;

    public string EnvironmentName { get; set; } = host?.EnvironmentName ?? Environments.Production;
}
