namespace Alerts.Core.Ports;

/// <summary>A stored value with the ETag to pass back for a conditional replace.</summary>
public sealed record Versioned<T>(T Value, string ETag);
