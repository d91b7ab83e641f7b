using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Alerts.Storage.Primitive;

/// <summary>
/// Azure Table Storage key and table-name rules, enforced identically by every backend so SQLite cannot accept
/// what Tables would refuse. <see cref="Encode"/> makes any id safe as a key.
/// </summary>
public static partial class EntityKeys
{
    public const int MaxKeyLength = 512;

    public static void Validate(string table, string partitionKey, string rowKey)
    {
        ValidateTable(table);
        ValidateKey(partitionKey, nameof(partitionKey));
        ValidateKey(rowKey, nameof(rowKey));
    }

    public static void ValidateTable(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!TableName().IsMatch(table))
        {
            throw new ArgumentException($"Invalid table name '{table}': 3-63 letters or digits, starting with a letter.", nameof(table));
        }
    }

    public static void ValidateKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"Key longer than {MaxKeyLength} characters.", paramName);
        }

        foreach (var ch in key)
        {
            if (IsForbidden(ch))
            {
                throw new ArgumentException($"Key '{key}' contains a character Table Storage forbids (/ \\ # ? or a control character).", paramName);
            }
        }
    }

    /// <summary>Escapes forbidden characters and '%' as %XX, so distinct ids stay distinct keys and ordering of plain ids is kept.</summary>
    public static string Encode(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var builder = new StringBuilder(id.Length);
        foreach (var ch in id)
        {
            if (ch == '%' || IsForbidden(ch))
            {
                builder.Append('%').Append(((int)ch).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    private static bool IsForbidden(char ch) => ch is '/' or '\\' or '#' or '?' || char.IsControl(ch);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
