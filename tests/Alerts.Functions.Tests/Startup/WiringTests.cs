using Alerts.Core.Model;
using Alerts.Functions.Extensions;
using Alerts.Functions.Functions;
using Alerts.Functions.Tests.Functions;
using Alerts.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Tests.Startup;

[Collection(AzuriteCollection.Name)]
public sealed class WiringTests(AzuriteStorage azurite) : IAsyncLifetime
{
    public Task InitializeAsync() => azurite.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_functions_builder_assembles_the_app_and_every_function_class_resolves()
    {
        // What Program.cs does, short of Run(): that needs the Functions host's gRPC endpoint, which is not available here.
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(FunctionsApp.Settings(azurite));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // What the host passes the worker on its command line; nothing connects to it until Run().
            ["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:9",
            ["Functions:Worker:WorkerId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:RequestId"] = Guid.NewGuid().ToString(),
            ["Functions:Worker:GrpcMaxMessageLength"] = "2147483647",
            [TelemetryExtensions.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        });
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<HttpProblemsMiddleware>();
        var (settings, store) = await builder.Configuration.OpenAlertsAsync(CancellationToken.None);
        builder.Services.AddAlertsFunctions(settings, store);
        builder.Services.AddAlertsManagementApi(builder.Configuration);
        builder.Services.AddAlertsTelemetry(builder.Configuration, settings);
        using var host = builder.Build();

        var classes = FunctionCatalog.Functions().Select(f => f.Method.DeclaredType()).Distinct().ToList();
        Assert.Equal(10, classes.Count);
        Assert.All(classes, type => Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, type)));
        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is EmailReadiness);
        Assert.NotNull(host.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        Assert.NotNull(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());

        // The OpenAPI document is served through the page's catch-all trigger with the worker's own registrations.
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = host.Services };
        context.Request.Method = "GET";
        context.Request.Path = "/openapi/v1.json";
        context.Response.Body = new MemoryStream();
        await (await ActivatorUtilities.CreateInstance<SubscriberPageFunction>(host.Services).RunAsync(context.Request)).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var document = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.True(context.Response.StatusCode == 200, document);
        Assert.Contains("\"/api/v1/companies\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_SendGrid_key_start_up_says_email_channels_cannot_be_served_and_their_deliveries_dead_letter()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        await Catalog.EmailDeskAsync(app.Store, Catalog.ZhipuAbove450());

        var unserved = await app.Get<EmailReadiness>().CheckAsync(CancellationToken.None);
        var queued = await DeliveryTests.EvaluateAsync(app, Catalog.Tick(496));
        await app.Function<DeliverAlertFunction>().RunAsync(queued, CancellationToken.None);

        Assert.Equal(1, unserved);
        Assert.Contains(app.Logs.AtLeast(LogLevel.Error), e => e.Message.Contains(AppSettingNames.SendGridApiKey, StringComparison.Ordinal));
        var delivery = (await app.Store.Deliveries.GetAsync(Tenancy.DefaultTenant, Triggers.Delivery(queued).DeliveryId, CancellationToken.None))!.Value;
        Assert.Equal(DeliveryStatus.DeadLettered, delivery.Status);
        Assert.Contains("no sender is configured for Email", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_SendGrid_key_start_up_has_nothing_to_say_about_email()
    {
        await using var app = await FunctionsApp.StartAsync(azurite, new Dictionary<string, string?> { ["SendGridApiKey"] = "SG.test-only" });
        await Catalog.EmailDeskAsync(app.Store, Catalog.ZhipuAbove450());

        Assert.Equal(0, await app.Get<EmailReadiness>().CheckAsync(CancellationToken.None));
        Assert.Empty(app.Logs.AtLeast(LogLevel.Error));
    }
}

internal static class MethodInfoExtensions
{
    public static Type DeclaredType(this System.Reflection.MethodInfo method) => method.DeclaringType!;
}
