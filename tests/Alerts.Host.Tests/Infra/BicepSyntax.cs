using System.Text.RegularExpressions;

namespace Alerts.Host.Tests.Infra;

/// <summary>A value in a Bicep file: an object, an array, a <c>for</c> loop, an <c>if</c>, or any other expression.</summary>
internal abstract record BicepValue(int Line)
{
    /// <summary>The object behind a loop or condition (or this object); null for other values.</summary>
    public BicepObject? AsObject() => this switch
    {
        BicepObject o => o,
        BicepLoop l => l.Body.AsObject(),
        BicepConditional c => c.Body.AsObject(),
        _ => null,
    };
}

/// <summary>An expression kept as its source text; <see cref="Literal"/> is set when it is one plain (non-interpolated) string.</summary>
internal sealed partial record BicepExpression(string Text, string? Literal, int Line) : BicepValue(Line)
{
    public bool IsTrue => Text == "true";

    public bool IsFalse => Text == "false";

    /// <summary>Whether the text uses <paramref name="path"/> (an identifier or dotted path) as a whole word, inside interpolation holes too.</summary>
    public bool Uses(string path) =>
        Regex.IsMatch(Text, $@"(?<![\w.]){Regex.Escape(path)}(?![\w])", RegexOptions.CultureInvariant);

    /// <summary>Identifiers and dotted paths in the text (string literal parts included, which is harmless for lookups).</summary>
    public IEnumerable<string> Paths() => PathPattern().Matches(Text).Select(m => m.Value);

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", RegexOptions.CultureInvariant)]
    private static partial Regex PathPattern();
}

internal sealed record BicepProperty(string Key, BicepValue Value, int Line);

internal sealed record BicepObject(IReadOnlyList<BicepProperty> Properties, IReadOnlyList<BicepResourceDeclaration> Resources, int Line) : BicepValue(Line)
{
    public BicepValue? Get(string key) => Properties.FirstOrDefault(p => p.Key == key)?.Value;

    /// <summary>Follows a dotted path of property names through nested objects.</summary>
    public BicepValue? Path(string dottedPath)
    {
        BicepValue? current = this;
        foreach (var key in dottedPath.Split('.'))
        {
            current = current?.AsObject()?.Get(key);
        }

        return current;
    }

    public BicepExpression? Expression(string dottedPath) => Path(dottedPath) as BicepExpression;
}

internal sealed record BicepArray(IReadOnlyList<BicepValue> Items, int Line) : BicepValue(Line);

internal sealed record BicepLoop(string ItemVariable, string? IndexVariable, BicepExpression Source, BicepValue Body, int Line) : BicepValue(Line);

internal sealed record BicepConditional(BicepExpression Condition, BicepValue Body, int Line) : BicepValue(Line);

/// <summary>A <c>resource</c> statement as written; nested ones have a relative type and may omit the API version.</summary>
internal sealed record BicepResourceDeclaration(string Symbol, string Type, string? ApiVersion, bool Existing, BicepValue Body, int Line);

/// <summary>A resource with its full type (nested declarations resolved against their parents).</summary>
internal sealed record BicepResource(string Symbol, string Type, string? ApiVersion, bool Existing, BicepValue Body, BicepResource? Parent, int Line)
{
    public BicepObject Object => Body.AsObject() ?? new BicepObject([], [], Line);

    public BicepLoop? Loop => Body as BicepLoop ?? (Body as BicepConditional)?.Body as BicepLoop;

    public BicepExpression? Name => Object.Get("name") as BicepExpression;
}

internal sealed record BicepParameter(string Name, string? Type, BicepValue? Default, IReadOnlyList<string> Decorators, int Line)
{
    public bool IsSecure => Decorators.Any(d => d.StartsWith("secure", StringComparison.Ordinal));
}

internal sealed record BicepVariable(string Name, BicepValue Value, int Line);

internal sealed record BicepOutput(string Name, string Type, BicepValue Value, int Line);

/// <summary>A parsed .bicep or .bicepparam file (a .bicepparam file has <see cref="Using"/> and parameters without types).</summary>
internal sealed class BicepFile
{
    public string? Using { get; init; }

    public required IReadOnlyList<BicepParameter> Parameters { get; init; }

    public required IReadOnlyList<BicepVariable> Variables { get; init; }

    public required IReadOnlyList<BicepResource> Resources { get; init; }

    public required IReadOnlyList<BicepOutput> Outputs { get; init; }

    public BicepParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);

    public BicepVariable? Variable(string name) => Variables.FirstOrDefault(v => v.Name == name);

    public BicepResource? Resource(string symbol) => Resources.FirstOrDefault(r => r.Symbol == symbol);

    public IEnumerable<BicepResource> OfType(string type) =>
        Resources.Where(r => !r.Existing && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What an identifier stands for at compile time: a variable's value or a parameter's default (following
    /// <c>a.b</c> into object variables). Null when it is not a variable or parameter, or has no default.
    /// </summary>
    public BicepValue? Resolve(string path)
    {
        var parts = path.Split('.');
        BicepValue? value = Variable(parts[0])?.Value ?? Parameter(parts[0])?.Default;
        foreach (var key in parts.Skip(1))
        {
            value = value?.AsObject()?.Get(key);
        }

        return value is BicepExpression { Literal: null } e && e.Text != path && Regex.IsMatch(e.Text, @"^[A-Za-z_][\w.]*$")
            ? Resolve(e.Text)
            : value;
    }

    /// <summary>The string literals an array-valued expression (an array literal, or a variable or parameter holding one) contains.</summary>
    public IReadOnlyList<string>? StringArray(BicepValue value) => value switch
    {
        BicepArray a => a.Items.All(i => i is BicepExpression { Literal: not null })
            ? [.. a.Items.Cast<BicepExpression>().Select(i => i.Literal!)]
            : null,
        BicepExpression e when Resolve(e.Text) is { } resolved && !ReferenceEquals(resolved, value) => StringArray(resolved),
        _ => null,
    };
}
