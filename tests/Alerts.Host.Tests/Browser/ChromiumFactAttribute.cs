namespace Alerts.Host.Tests.Browser;

/// <summary>A browser test: it needs Debian's chromium (tests/test.sh installs it); without it the test is skipped, saying why.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium))
        {
            Skip = $"{Chromium} is not installed (apt-get install chromium)";
        }
    }
}
