using System.Globalization;

namespace Alerts.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> text with correctly escaped literals, so a quote in a key cannot change the query:
/// <c>TableFilter.Create($"PartitionKey eq {tenant} and RowKey ge {from}")</c>.
/// </summary>
public static class TableFilter
{
    /// <summary>Formats every interpolated value with <see cref="Literal"/>; the literal text is kept as written.</summary>
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(argument => (object)Literal(argument)).ToArray();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>The OData literal for a value: <c>'O''Brien'</c>, <c>42L</c>, <c>guid'…'</c>, <c>datetime'…Z'</c>, <c>X'0aff'</c>.</summary>
    public static string Literal(object? value) => value switch
    {
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        double number => DoubleLiteral(number),
        Guid id => "guid'" + id.ToString("D") + "'",
        DateTimeOffset moment => DateTimeLiteral(moment),
        DateTime { Kind: DateTimeKind.Utc } utc => DateTimeLiteral(new DateTimeOffset(utc)),
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        null => throw new ArgumentNullException(nameof(value), "Table Storage filters cannot compare with null."),
        _ => throw new ArgumentException($"No filter literal for a {value.GetType().Name} (a DateTime must be UTC).", nameof(value)),
    };

    private static string DoubleLiteral(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentException("Table Storage filters have no literal for NaN or infinity.", nameof(number));
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string DateTimeLiteral(DateTimeOffset moment) =>
        "datetime'" + moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'";
}
