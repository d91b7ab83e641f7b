namespace Alerts.Core;

/// <summary>
/// A setting an operator gave cannot work. The message names the setting and what it should look like; hosts print it as one
/// line and exit instead of showing a stack trace.
/// </summary>
public sealed class InvalidSettingsException : InvalidOperationException
{
    public InvalidSettingsException()
    {
    }

    public InvalidSettingsException(string message)
        : base(message)
    {
    }

    public InvalidSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
