namespace Alerts.Sources.Parsing;

internal static class Urls
{
    /// <summary>Joins a host and a path a feed printed; null when the path is empty or not a usable URL.</summary>
    public static Uri? Join(Uri host, string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var trimmed = path.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        return Uri.TryCreate(host, trimmed, out var joined) ? joined : null;
    }
}
