using System.Collections.Concurrent;
using Alerts.Core.Model;
using Fluid;
using Fluid.Values;

namespace Alerts.Delivery.Templates;

/// <summary>A template problem, named by the part it concerns (<c>subject</c>, <c>title</c>, <c>body</c>).</summary>
public sealed record TemplateError(string Part, string Message);

/// <summary>
/// Liquid (Fluid) for the wording users give a subscription's channel. Sandboxed: no CLR object is exposed (only the named
/// <see cref="AlertFields"/> as strings and numbers), no file system for include/render, a step budget against loops, and
/// unknown variables or filters are errors rather than silent blanks. Output is text; each channel escapes it for its format.
/// </summary>
public static partial class TemplateEngine
{
    public const int MaxRangeItems = 1000;
    public const int MaxTemplateLength = 4000;
    public const int MaxOutputLength = 8000;
    private const int MaxSteps = 20_000;
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);

    private static readonly TemplateOptions Options = TemplateLimits.Bounded(new()
    {
        MaxSteps = MaxSteps,
        MaxRecursion = 10,
        StrictVariables = true,
        StrictFilters = true,
        CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
    });

    /// <summary>Checks every part of a template as it is saved: it parses, stays within size, and renders against a sample alert.</summary>
    public static IReadOnlyList<TemplateError> Validate(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var errors = new List<TemplateError>();
        foreach (var (part, text) in Parts(template))
        {
            if (text.Length > MaxTemplateLength)
            {
                errors.Add(new(part, $"must be at most {MaxTemplateLength} characters"));
            }
            else if (!TryParse(text, out _, out var error))
            {
                errors.Add(new(part, "is not valid Liquid: " + error));
            }
            else if (Render(text, SampleFields) is { Error: { } renderError })
            {
                errors.Add(new(part, renderError));
            }
        }

        return errors;
    }

    /// <summary>Renders one part; on failure the error says what went wrong in words an operator can act on.</summary>
    public static (string? Text, string? Error) Render(string template, AlertFields fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(fields);
        if (!TryParse(template, out var parsed, out var parseError))
        {
            return (null, "is not valid Liquid: " + parseError);
        }

        if (RangeProblem(template) is { } rangeError)
        {
            return (null, rangeError);
        }

        if (TemplateLimits.Refusal(template) is { } refusal)
        {
            return (null, refusal);
        }

        try
        {
            var context = new TemplateContext(Options);
            Bind(context, fields);
            using var writer = new BoundedWriter();
            parsed.RenderAsync(writer, NullEncoder.Default, context).AsTask().GetAwaiter().GetResult();
            return (writer.ToString(), null);
        }
        catch (TemplateLimitException exception)
        {
            return (null, "failed to render: " + exception.Message);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or StackOverflowException))
        {
            // The template is user input: whatever it makes the engine throw (step budget, missing include, bad filter
            // argument) is that template's failure, reported in words, never a crash of the deliver stage.
            return (null, "failed to render: " + exception.Message);
        }
    }

    /// <summary>
    /// Fluid builds a range's items before the step budget can count them, so <c>(1..100000000)</c> would allocate its
    /// way past any budget: ranges must have literal bounds and at most <see cref="MaxRangeItems"/> items.
    /// </summary>
    private static string? RangeProblem(string template)
    {
        foreach (System.Text.RegularExpressions.Match range in Range().Matches(template))
        {
            if (!long.TryParse(range.Groups[1].Value, out var from) || !long.TryParse(range.Groups[2].Value, out var to) || Math.Abs(to - from) >= MaxRangeItems)
            {
                return $"failed to render: ranges need literal bounds and at most {MaxRangeItems} items";
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\(\s*([^()]*?)\s*\.\.\s*([^()]*?)\s*\)")]
    private static partial System.Text.RegularExpressions.Regex Range();

    private static bool TryParse(string text, out IFluidTemplate template, out string error)
    {
        if (Parsed.TryGetValue(text, out template!))
        {
            error = string.Empty;
            return true;
        }

        if (!Parser.TryParse(text, out template, out error))
        {
            return false;
        }

        if (Parsed.Count < 10_000)
        {
            Parsed[text] = template;
        }

        return true;
    }

    private static void Bind(TemplateContext context, AlertFields f)
    {
        Set(context, "company", f.Company);
        Set(context, "company_en", f.CompanyEnglish);
        Set(context, "company_zh", f.CompanyChinese);
        Set(context, "code", f.Code);
        context.SetValue("codes", List(f.Codes));
        Set(context, "symbol", f.Symbol);
        context.SetValue("symbols", List(f.Symbols));
        Set(context, "title", f.Title);
        Set(context, "detail", f.Detail);
        Set(context, "category", f.Category);
        context.SetValue("categories", List(f.Categories));
        Set(context, "source", f.Source);
        Set(context, "url", f.Url);
        Set(context, "price", f.Price);
        Set(context, "currency", f.Currency);
        Set(context, "move_pct", f.MovePercent);
        Set(context, "previous_close", f.PreviousClose);
        Set(context, "rule", f.Rule);
        Set(context, "rule_id", f.RuleId);
        Set(context, "time", f.Time);
        Set(context, "time_zone", f.TimeZone);
        Set(context, "alert_id", f.AlertId);
        context.SetValue("is_price", f.IsPrice ? BooleanValue.True : BooleanValue.False);
    }

    private static ArrayValue List(IReadOnlyList<string> items) => new([.. items.Select(c => (FluidValue)new StringValue(c))]);

    private static void Set(TemplateContext context, string name, string? value) =>
        context.SetValue(name, value is null ? NilValue.Instance : new StringValue(value));

    private static void Set(TemplateContext context, string name, decimal? value) =>
        context.SetValue(name, value is { } number ? NumberValue.Create(number) : NilValue.Instance);

    private static IEnumerable<(string Part, string Text)> Parts(MessageTemplate template)
    {
        if (template.Subject is { } subject)
        {
            yield return ("subject", subject);
        }

        if (template.Title is { } title)
        {
            yield return ("title", title);
        }

        if (template.Body is { } body)
        {
            yield return ("body", body);
        }
    }

    private static AlertFields SampleFields { get; } = new(
        "Zhipu", "Zhipu", "北京智谱华章科技股份有限公司", "HKEX 02513", ["HKEX 02513"], "2513.HK", ["2513.HK"],
        "Voluntary announcement: proposed A-share listing", "Detail", "Listing application", ["Listing application"], "HKEX",
        "https://www1.hkexnews.hk/", 496m, "HKD", 23.4m, 402m, "STAR filings", "filings", "2026-01-08 09:30 UTC+08:00",
        "Asia/Hong_Kong", "al_sample", false, DateTimeOffset.UnixEpoch);
}
