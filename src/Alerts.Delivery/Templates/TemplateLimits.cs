using System.Text;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace Alerts.Delivery.Templates;

/// <summary>
/// Bounds on what a user's template may build, beyond Fluid's step budget (which counts statements, not bytes): every
/// filter's result and every assigned value stays within the output size (so <c>append</c> in a loop, or a chain of
/// <c>url_encode</c>, cannot double its way through memory), arrays within the range size, the output itself within
/// <see cref="TemplateEngine.MaxOutputLength"/>, and <c>capture</c> (which renders into a buffer of its own) is not offered.
/// </summary>
internal static partial class TemplateLimits
{
    public static TemplateOptions Bounded(TemplateOptions options)
    {
        foreach (var (name, filter) in options.Filters.ToList())
        {
            options.Filters.AddFilter(name, async (input, arguments, context) => Check($"the {name} filter", await filter(input, arguments, context)));
        }

        options.Assigned = (name, value, _) => ValueTask.FromResult(Check($"assigning {name}", value));
        return options;
    }

    /// <summary>The reason a template is refused before it runs, or null.</summary>
    public static string? Refusal(string template) =>
        CaptureTag().IsMatch(template) ? "uses capture, which templates do not offer (assign a filtered value instead)" : null;

    private static FluidValue Check(string what, FluidValue value) => value switch
    {
        StringValue text when text.ToStringValue().Length > TemplateEngine.MaxOutputLength =>
            throw new TemplateLimitException($"{what} made a text longer than {TemplateEngine.MaxOutputLength} characters"),
        ArrayValue array when array.Values.Count > TemplateEngine.MaxRangeItems =>
            throw new TemplateLimitException($"{what} made a list longer than {TemplateEngine.MaxRangeItems} items"),
        _ => value,
    };

    [GeneratedRegex(@"\{%-?\s*capture\b", RegexOptions.CultureInvariant)]
    private static partial Regex CaptureTag();
}

/// <summary>A template went past one of <see cref="TemplateLimits"/>' bounds.</summary>
internal sealed class TemplateLimitException(string message) : InvalidOperationException(message);

/// <summary>The render target: throws as soon as the output passes <see cref="TemplateEngine.MaxOutputLength"/>.</summary>
internal sealed class BoundedWriter : StringWriter
{
    private readonly StringBuilder _text;

    public BoundedWriter()
        : this(new StringBuilder())
    {
    }

    private BoundedWriter(StringBuilder text)
        : base(text, System.Globalization.CultureInfo.InvariantCulture) => _text = text;

    public override void Write(char value)
    {
        base.Write(value);
        Guard();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        base.Write(buffer, index, count);
        Guard();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Guard();
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        base.Write(buffer);
        Guard();
    }

    private void Guard()
    {
        if (_text.Length > TemplateEngine.MaxOutputLength)
        {
            throw new TemplateLimitException($"rendered more than {TemplateEngine.MaxOutputLength} characters");
        }
    }
}
