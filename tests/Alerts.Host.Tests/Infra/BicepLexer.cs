using System.Text;

namespace Alerts.Host.Tests.Infra;

internal enum BicepTokenKind
{
    Newline,
    Identifier,
    String,
    Number,
    Symbol,
}

/// <summary>
/// One token with its span in the source. Strings carry their value with escapes decoded; interpolation holes are
/// kept verbatim (<c>${...}</c>) and mark the string as <see cref="Interpolated"/>.
/// </summary>
internal sealed record BicepToken(BicepTokenKind Kind, string Text, int Start, int End, int Line)
{
    public string? StringValue { get; init; }

    public bool Interpolated { get; init; }

    public bool Is(string symbolOrWord) =>
        Kind is BicepTokenKind.Symbol or BicepTokenKind.Identifier && Text == symbolOrWord;
}

/// <summary>Splits Bicep source into tokens: comments dropped, newlines kept (they end statements and items).</summary>
internal static class BicepLexer
{
    private static readonly string[] TwoCharSymbols = ["==", "!=", "<=", ">=", "=~", "!~", "&&", "||", "??", "?.", ".?", "=>", "::"];

    public static List<BicepToken> Tokenize(string source)
    {
        var tokens = new List<BicepToken>();
        var i = 0;
        var line = 1;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\n')
            {
                tokens.Add(new BicepToken(BicepTokenKind.Newline, "\n", i, i + 1, line));
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && Peek(source, i + 1) == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && Peek(source, i + 1) == '*')
            {
                var close = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new FormatException($"line {line}: unterminated comment");
                }

                var newlines = source.AsSpan(i, close - i).Count('\n');
                if (newlines > 0)
                {
                    tokens.Add(new BicepToken(BicepTokenKind.Newline, "\n", i, close + 2, line));
                }

                line += newlines;
                i = close + 2;
            }
            else if (c == '\'')
            {
                var start = i;
                var startLine = line;
                var (value, interpolated) = ReadString(source, ref i, ref line);
                tokens.Add(new BicepToken(BicepTokenKind.String, source[start..i], start, i, startLine) { StringValue = value, Interpolated = interpolated });
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new BicepToken(BicepTokenKind.Identifier, source[start..i], start, i, line));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < source.Length && (char.IsDigit(source[i]) || source[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new BicepToken(BicepTokenKind.Number, source[start..i], start, i, line));
            }
            else
            {
                var width = i + 1 < source.Length && TwoCharSymbols.Contains(source.Substring(i, 2)) ? 2 : 1;
                tokens.Add(new BicepToken(BicepTokenKind.Symbol, source.Substring(i, width), i, i + width, line));
                i += width;
            }
        }

        return tokens;
    }

    private static char Peek(string source, int index) => index < source.Length ? source[index] : '\0';

    /// <summary>Reads a string starting at the opening quote; leaves <paramref name="i"/> after the closing quote.</summary>
    private static (string Value, bool Interpolated) ReadString(string source, ref int i, ref int line)
    {
        if (string.CompareOrdinal(source, i, "'''", 0, 3) == 0)
        {
            var close = source.IndexOf("'''", i + 3, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"line {line}: unterminated multi-line string");
            }

            var body = source[(i + 3)..close];
            line += body.Count('\n');
            i = close + 3;
            return (body.StartsWith('\n') ? body[1..] : body, false);
        }

        var value = new StringBuilder();
        var interpolated = false;
        i++;
        while (true)
        {
            if (i >= source.Length || source[i] == '\n')
            {
                throw new FormatException($"line {line}: unterminated string");
            }

            var c = source[i];
            if (c == '\'')
            {
                i++;
                return (value.ToString(), interpolated);
            }

            if (c == '\\')
            {
                value.Append(Unescape(Peek(source, i + 1), line));
                i += 2;
            }
            else if (c == '$' && Peek(source, i + 1) == '{')
            {
                interpolated = true;
                var start = i;
                i += 2;
                SkipHole(source, ref i, ref line);
                value.Append(source, start, i - start);
            }
            else
            {
                value.Append(c);
                i++;
            }
        }
    }

    /// <summary>Skips an interpolation hole's expression up to and including its closing brace.</summary>
    private static void SkipHole(string source, ref int i, ref int line)
    {
        var depth = 1;
        while (depth > 0)
        {
            if (i >= source.Length)
            {
                throw new FormatException($"line {line}: unterminated interpolation");
            }

            switch (source[i])
            {
                case '\'':
                    ReadString(source, ref i, ref line);
                    continue;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case '\n':
                    line++;
                    break;
            }

            i++;
        }
    }

    private static char Unescape(char escaped, int line) => escaped switch
    {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '\\' => '\\',
        '\'' => '\'',
        '$' => '$',
        _ => throw new FormatException($"line {line}: unsupported escape \\{escaped}"),
    };
}
