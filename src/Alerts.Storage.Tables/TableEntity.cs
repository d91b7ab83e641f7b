using System.Collections;

namespace Alerts.Storage.Tables;

/// <summary>
/// One Table Storage entity: its keys, the service-maintained <see cref="Timestamp"/> and <see cref="ETag"/>, and typed
/// properties. Values are limited to what the service stores: string, bool, int, long, double, Guid, DateTimeOffset
/// (a UTC DateTime is accepted and kept as DateTimeOffset) and byte[]. Assigning null removes a property.
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>When the service last wrote the entity; null on entities built locally.</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    /// <summary>The service's ETag as read; null on entities built locally. Pass it back verbatim for conditional writes.</summary>
    public string? ETag { get; internal set; }

    public int Count => _properties.Count;

    public IEnumerable<string> PropertyNames => _properties.Keys;

    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ValidateName(name);
            if (value is null)
            {
                _properties.Remove(name);
            }
            else
            {
                _properties[name] = Normalize(name, value);
            }
        }
    }

    public bool Remove(string name) => _properties.Remove(name);

    public string? GetString(string name) => Get<string>(name);

    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    public bool? GetBoolean(string name) => GetValue<bool>(name);

    public int? GetInt32(string name) => GetValue<int>(name);

    /// <summary>Also reads an Int32 property: the service returns small numbers unannotated, as Int32.</summary>
    public long? GetInt64(string name) => _properties.GetValueOrDefault(name) is int small ? small : GetValue<long>(name);

    public double? GetDouble(string name) => GetValue<double>(name);

    public Guid? GetGuid(string name) => GetValue<Guid>(name);

    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Sets a value read from the service, already converted by the deserializer.</summary>
    internal void SetReadValue(string name, object value) => _properties[name] = value;

    private T? Get<T>(string name)
        where T : class =>
        _properties.TryGetValue(name, out var value) ? value as T ?? throw WrongType(name, value, typeof(T)) : null;

    private T? GetValue<T>(string name)
        where T : struct =>
        _properties.TryGetValue(name, out var value) ? value is T typed ? typed : throw WrongType(name, value, typeof(T)) : null;

    private static InvalidOperationException WrongType(string name, object value, Type wanted) =>
        new($"Property '{name}' holds a {value.GetType().Name}, not a {wanted.Name}.");

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is a system or annotation name, not a property name.", nameof(name));
        }
    }

    private static object Normalize(string name, object value) => value switch
    {
        string or bool or int or long or double or Guid or byte[] => value,
        DateTimeOffset moment => moment.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Utc } utc => new DateTimeOffset(utc),
        DateTime => throw new ArgumentException($"Property '{name}': a DateTime must be UTC (Kind={DateTimeKind.Utc}).", nameof(value)),
        _ => throw new ArgumentException($"Property '{name}': Table Storage cannot store a {value.GetType().Name}.", nameof(value)),
    };
}
