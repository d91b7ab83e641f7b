using System.Text.Json.Nodes;
using Alerts.Functions.Extensions;
using Alerts.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Functions.Tests.Functions;

/// <summary>An HTTP function that throws answers problem details with a correlation id the log carries; other triggers still throw.</summary>
public sealed class HttpProblemsMiddlewareTests
{
    [Fact]
    public async Task A_throwing_http_function_answers_a_500_problem_without_the_exception()
    {
        var logs = new RecordingLoggerProvider();
        var services = new ServiceCollection().AddLogging(l => l.AddProvider(logs)).AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var function = new HttpFunctionContext(http);

        await new HttpProblemsMiddleware().Invoke(function, _ => throw new InvalidOperationException("table 'channels' row t1/hook: secret-detail"));

        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        Assert.Equal(500, http.Response.StatusCode);
        var correlationId = (string)JsonNode.Parse(text)!["correlationId"]!;
        Assert.DoesNotContain("secret-detail", text, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", text, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, line => line.Contains(correlationId, StringComparison.Ordinal) && line.Contains("secret-detail", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_throwing_queue_function_still_throws_so_the_host_retries_it()
    {
        var function = new HttpFunctionContext(null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => new HttpProblemsMiddleware().Invoke(function, _ => throw new InvalidOperationException("retry me")));
    }

    /// <summary>The worker's context, holding the ASP.NET Core request where the HTTP integration puts it.</summary>
    private sealed class HttpFunctionContext : FunctionContext
    {
        public HttpFunctionContext(HttpContext? http)
        {
            if (http is not null)
            {
                Items["HttpRequestContext"] = http;
            }
        }

        public override string InvocationId => "invocation-1";
        public override string FunctionId => "function-1";
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext => null!;
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition => null!;
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
        public override IInvocationFeatures Features => null!;
    }
}
