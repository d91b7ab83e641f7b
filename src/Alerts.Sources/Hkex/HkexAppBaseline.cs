using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Alerts.Sources.Hkex;

/// <summary>
/// What the HKEX IPO pipeline lists held at the last poll, compact enough to keep in the source's stored status (its cursor),
/// so a restart diffs against what was seen instead of starting a new baseline: per list, application id → a hash of what
/// the application shows there (its document paths in an active list, its status in a status list). Each entry is 8 bytes
/// (numeric application ids are kept as they are, others hashed), so even a few thousand applications stay a few dozen KB.
/// A list never read has no baseline: its first read sets one without events.
/// </summary>
internal sealed class HkexAppBaseline
{
    private const string Version = "hkex-app/1";

    private readonly Dictionary<string, Dictionary<uint, uint>> _lists = new(StringComparer.Ordinal);

    /// <summary>Reads a stored cursor; one this version did not write (or none) is an empty baseline.</summary>
    public static HkexAppBaseline Parse(string? cursor)
    {
        var baseline = new HkexAppBaseline();
        var lines = cursor?.Split('\n') ?? [];
        if (lines.Length == 0 || lines[0] != Version)
        {
            return baseline;
        }

        foreach (var line in lines.Skip(1))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !TryDecode(line[(space + 1)..], out var entries))
            {
                continue;
            }

            baseline._lists[line[..space]] = entries;
        }

        return baseline;
    }

    public IReadOnlyDictionary<uint, uint>? Of(string list) => _lists.GetValueOrDefault(list);

    public void Set(string list, Dictionary<uint, uint> entries) => _lists[list] = entries;

    public string Encode()
    {
        var text = new StringBuilder(Version);
        foreach (var (list, entries) in _lists.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var bytes = new byte[entries.Count * 8];
            var offset = 0;
            foreach (var (key, value) in entries.OrderBy(e => e.Key))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), key);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset + 4), value);
                offset += 8;
            }

            text.Append('\n').Append(list).Append(' ').Append(Convert.ToBase64String(bytes));
        }

        return text.ToString();
    }

    /// <summary>The key of an application id: the number itself when it is one (no collisions), else a hash.</summary>
    public static uint Key(string applicationId) =>
        uint.TryParse(applicationId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : Hash(applicationId);

    /// <summary>The hash of what an application shows in a list, independent of order.</summary>
    public static uint Hash(IEnumerable<string> parts) => Hash(string.Join('\n', parts.Order(StringComparer.Ordinal)));

    private static uint Hash(string text)
    {
        var hash = 2166136261u; // FNV-1a: stable across processes, unlike string.GetHashCode
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private static bool TryDecode(string text, out Dictionary<uint, uint> entries)
    {
        entries = [];
        var bytes = new byte[text.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var length) || length % 8 != 0)
        {
            return false;
        }

        for (var offset = 0; offset < length; offset += 8)
        {
            entries[BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset))] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
        }

        return true;
    }
}
