using System.Text;

namespace Alerts.Sources.Tests;

/// <summary>Reads files from the Fixtures folder copied next to the test assembly.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name), Encoding.UTF8);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));
}
