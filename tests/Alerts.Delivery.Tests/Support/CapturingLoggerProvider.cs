using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery.Tests.Support;

/// <summary>One captured log call: the rendered message, every structured property and the exception, as text.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, string?> Properties, string? Exception)
{
    /// <summary>Everything a log sink could persist for this entry.</summary>
    public IEnumerable<string> AllText()
    {
        yield return Message;
        foreach (var (key, value) in Properties)
        {
            yield return key + "=" + value;
        }

        if (Exception is not null)
        {
            yield return Exception;
        }
    }
}

/// <summary>A logger provider that keeps every entry in memory, for asserting on what was (and was not) logged.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public ILogger<T> CreateLogger<T>() => new Logger<T>(new SingleProviderFactory(this));

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString())
                : [];
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), properties, exception?.ToString()));
        }
    }

    private sealed class SingleProviderFactory(ILoggerProvider provider) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
