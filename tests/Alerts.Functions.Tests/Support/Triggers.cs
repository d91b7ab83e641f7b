using System.Text.Json;
using Alerts.Core.Handlers;
using Alerts.Core.Serialization;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Tests.Support;

/// <summary>Trigger inputs as the host hands them to the worker.</summary>
internal static class Triggers
{
    public static TimerInfo Timer() => new() { IsPastDue = false };

    public static QueueMessage Message(string body, long dequeueCount = 1) =>
        QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), "pop", BinaryData.FromString(body), dequeueCount, insertedOn: DateTimeOffset.UtcNow);

    public static QueueMessage Message(DeliverMessage message, long dequeueCount = 1) =>
        Message(JsonSerializer.Serialize(message, AlertsJsonContext.Default.DeliverMessage), dequeueCount);

    public static QueueMessage Message(EvaluateMessage message, long dequeueCount = 1) =>
        Message(JsonSerializer.Serialize(message, AlertsJsonContext.Default.EvaluateMessage), dequeueCount);

    public static string Json(params Alerts.Core.Model.MarketEvent[] events) =>
        "[" + string.Join(",", events.Select(e => JsonSerializer.Serialize(e, AlertsJsonContext.Default.MarketEvent))) + "]";

    public static EvaluateMessage Evaluation(QueueMessage message) => JsonSerializer.Deserialize(message.Body.ToString(), AlertsJsonContext.Default.EvaluateMessage)!;

    public static DeliverMessage Delivery(QueueMessage message) => JsonSerializer.Deserialize(message.Body.ToString(), AlertsJsonContext.Default.DeliverMessage)!;

    public static HttpRequest Post(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    public static HttpRequest Get()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Runs an <see cref="IResult"/> the way ASP.NET Core would and returns the status and body.</summary>
    public static async Task<(int Status, string Body)> ExecuteAsync(IResult result, HttpRequest request, IServiceProvider services)
    {
        var context = request.HttpContext;
        context.RequestServices = services;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
