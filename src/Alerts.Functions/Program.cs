using Alerts.Functions.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// Alerts on Azure Functions (isolated worker). The functions are in Functions/, one class per trigger; wiring in Extensions/.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<HttpProblemsMiddleware>();

// Settings are checked first (a missing one stops start-up and is named), then Table Storage and the queues are opened.
var (settings, store) = await builder.Configuration.OpenAlertsAsync(CancellationToken.None);
builder.Services.AddAlertsFunctions(settings, store);
builder.Services.AddAlertsManagementApi(builder.Configuration);
builder.Services.AddAlertsTelemetry(builder.Configuration, settings);

builder.Build().Run();
