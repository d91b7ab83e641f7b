using System.Text.RegularExpressions;

namespace Alerts.Host.Tests.Infra;

/// <summary>
/// Holds infra/main.bicep and infra/main.bicepparam against what the code needs. Each check returns the problems it
/// found (empty = consistent), worded so a failing test says what to fix and where.
/// </summary>
internal sealed partial class InfraChecker
{
    public const string TemplateFileName = "main.bicep";

    private static readonly Regex ApiVersionPattern = new(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant);

    private readonly BicepFile _template;
    private readonly BicepFile _parameters;
    private readonly InfraExpectations _expected;

    private InfraChecker(BicepFile template, BicepFile parameters, InfraExpectations expected)
    {
        _template = template;
        _parameters = parameters;
        _expected = expected;
    }

    /// <summary>Parses both files; a file that does not parse is reported as the only problem.</summary>
    public static IReadOnlyList<string> CheckAll(string templateText, string parametersText, InfraExpectations expected)
    {
        BicepFile template;
        BicepFile parameters;
        try
        {
            template = BicepParser.Parse(templateText);
        }
        catch (FormatException e)
        {
            return [$"{TemplateFileName} does not parse: {e.Message}"];
        }

        try
        {
            parameters = BicepParser.Parse(parametersText);
        }
        catch (FormatException e)
        {
            return [$"the parameters file does not parse: {e.Message}"];
        }

        return new InfraChecker(template, parameters, expected).All();
    }

    public static InfraChecker Load(string templateText, string parametersText, InfraExpectations expected) =>
        new(BicepParser.Parse(templateText), BicepParser.Parse(parametersText), expected);

    public IReadOnlyList<string> All() =>
    [
        .. RegistryQueues(), .. Queues(), .. Tables(), .. AppSettings(), .. Schedules(), .. DeprecatedSettings(), .. IdentityConnections(),
        .. FlexApp(), .. RoleAssignments(), .. Security(), .. KeyVault(), .. ParametersFile(), .. Outputs(), .. ApiVersions(),
    ];

    /// <summary>Every resource states an API version (nested ones inherit their parent's).</summary>
    public IEnumerable<string> ApiVersions() =>
        _template.Resources
            .Where(r => r.ApiVersion is null || !ApiVersionPattern.IsMatch(r.ApiVersion))
            .Select(r => $"resource '{r.Symbol}' ({r.Type}) has no valid API version ('{r.ApiVersion}')");

    /// <summary>The one resource of a type, or a problem naming what is missing or duplicated.</summary>
    private BicepResource? Single(string type, string what, List<string> problems)
    {
        var found = _template.OfType(type).ToList();
        if (found.Count != 1)
        {
            problems.Add($"{TemplateFileName} must declare exactly one {what} ({type}); found {found.Count}");
            return null;
        }

        return found[0];
    }

    /// <summary>The parent of a child resource: the enclosing declaration, or the resource its <c>parent:</c> names (<c>a::b</c> included).</summary>
    private BicepResource? ParentOf(BicepResource resource) =>
        resource.Parent
        ?? (resource.Object.Get("parent") is BicepExpression parent ? _template.Resource(parent.Text.Split("::")[^1].Trim()) : null);

    private BicepResource? Identity(List<string> problems) =>
        Single("Microsoft.ManagedIdentity/userAssignedIdentities", "user-assigned managed identity", problems);

    /// <summary>Names a resource collection declares: literal names, or a loop whose items are the names.</summary>
    private List<string> DeclaredNames(string type, string what, List<string> problems)
    {
        var names = new List<string>();
        foreach (var resource in _template.OfType(type))
        {
            var name = resource.Name;
            if (resource.Loop is { } loop)
            {
                var items = _template.StringArray(loop.Source);
                if (items is null)
                {
                    problems.Add($"{what} '{resource.Symbol}' loops over '{loop.Source.Text}', which is not an array of string literals");
                }
                else if (name is null || !(name.Text == loop.ItemVariable || name.Literal is null && name.Text == $"'${{{loop.ItemVariable}}}'"))
                {
                    problems.Add($"{what} '{resource.Symbol}' is named {name?.Text} rather than by the loop item '{loop.ItemVariable}', so its names are not the app's names");
                }
                else
                {
                    names.AddRange(items);
                }
            }
            else if (name?.Literal is { } literal)
            {
                names.Add(literal);
            }
            else if (name is not null && _template.Resolve(name.Text) is BicepExpression { Literal: { } resolved })
            {
                names.Add(resolved);
            }
            else
            {
                problems.Add($"{what} '{resource.Symbol}' has a computed name {name?.Text}; the app needs fixed names");
            }
        }

        return names;
    }

    /// <summary>Compares declared names with the app's: missing, extra and differently-cased names are all problems.</summary>
    private static IEnumerable<string> CompareNames(IReadOnlyList<string> expected, IReadOnlyList<string> declared, string what, string source)
    {
        foreach (var name in expected)
        {
            if (declared.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var otherCase = declared.FirstOrDefault(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
            yield return otherCase is null
                ? $"{what} '{name}' ({source}) is not declared in {TemplateFileName}"
                : $"{what} '{name}' ({source}) is declared under another name, '{otherCase}'";
        }

        foreach (var name in declared.Where(d => !expected.Contains(d, StringComparer.OrdinalIgnoreCase)))
        {
            yield return $"{TemplateFileName} declares {what} '{name}', which {source} does not list";
        }

        foreach (var duplicate in declared.GroupBy(d => d, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            yield return $"{TemplateFileName} declares {what} '{duplicate.Key}' more than once";
        }
    }
}
