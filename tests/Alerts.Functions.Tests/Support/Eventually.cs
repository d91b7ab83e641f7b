using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Alerts.Functions.Tests.Support;

internal static class Eventually
{
    /// <summary>Receives the next message once it becomes visible, polling as a queue trigger would.</summary>
    public static async Task<QueueMessage> ReceiveAsync(QueueClient queue, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if ((await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value is { } message)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                return message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message became visible on {queue.Name} within {timeout}.");
    }
}
