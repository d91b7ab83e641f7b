using System.Text.RegularExpressions;
using Alerts.Host.Functions;
using NCrontab;

namespace Alerts.Host.Tests.Infra;

/// <summary>Queues, tables, app settings and schedules: the names the app uses must be the names the template declares.</summary>
internal sealed partial class InfraChecker
{
    private const string QueueType = "Microsoft.ServiceBus/namespaces/queues";
    private const string TableType = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string MaxDeliveryCountSetting = FunctionRegistry.MaxQueueDeliveryCountSetting;

    /// <summary>The settings an identity-based Service Bus connection named in function.json needs (extension 5.x).</summary>
    private static readonly string[] ConnectionSuffixes = ["__fullyQualifiedNamespace", "__credential", "__clientId"];

    /// <summary>App settings the platform and the app need besides the registry's list.</summary>
    public static IReadOnlyList<string> PlatformSettings { get; } =
    [
        "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "Alerts__PollSources", MaxDeliveryCountSetting,
    ];

    /// <summary>Every queue a function reads or writes is registered, and every registered queue is used by some function.</summary>
    public IEnumerable<string> RegistryQueues()
    {
        foreach (var use in _expected.FunctionQueues.Where(u => !_expected.Queues.Contains(u.Queue, StringComparer.Ordinal)))
        {
            yield return $"function {use.Function} binds '{use.Binding}' to queue '{use.Queue}', which FunctionRegistry.Queues.All does not list";
        }

        foreach (var queue in _expected.Queues.Where(q => !_expected.FunctionQueues.Any(u => u.Queue == q)))
        {
            yield return $"queue '{queue}' is in FunctionRegistry.Queues.All but no function reads or writes it";
        }
    }

    /// <summary>One Service Bus queue per registered queue (and per queue a function.json names), with the agreed properties.</summary>
    public IEnumerable<string> Queues()
    {
        var problems = new List<string>();
        var declared = DeclaredNames(QueueType, "Service Bus queue", problems);
        problems.AddRange(CompareNames(_expected.Queues, declared, "Service Bus queue", "FunctionRegistry.Queues.All"));
        problems.AddRange(_expected.FunctionQueues
            .Where(u => _expected.Queues.Contains(u.Queue, StringComparer.Ordinal) && !declared.Contains(u.Queue, StringComparer.Ordinal))
            .Select(u => $"function {u.Function} binds '{u.Binding}' to queue '{u.Queue}', which {TemplateFileName} does not declare"));

        var settings = CollectAppSettings();
        foreach (var queue in _template.OfType(QueueType))
        {
            var properties = queue.Object.Path("properties")?.AsObject();
            if (properties?.Expression("lockDuration")?.Literal != "PT1M")
            {
                problems.Add($"queue '{queue.Symbol}': lockDuration must be 'PT1M'");
            }

            if (properties?.Expression("deadLetteringOnMessageExpiration")?.IsTrue != true)
            {
                problems.Add($"queue '{queue.Symbol}': deadLetteringOnMessageExpiration must be true");
            }

            var maxDelivery = properties?.Expression("maxDeliveryCount");
            var parameter = maxDelivery is null ? null : _template.Parameter(maxDelivery.Text);
            if (parameter is null)
            {
                problems.Add($"queue '{queue.Symbol}': maxDeliveryCount must come from a parameter (found {maxDelivery?.Text})");
            }
            else if (settings.TryGetValue(MaxDeliveryCountSetting, out var setting) && !setting.Uses(parameter.Name))
            {
                problems.Add($"{MaxDeliveryCountSetting} ({setting.Text}) must be the queues' maxDeliveryCount (parameter '{parameter.Name}')");
            }

            if (ParentOf(queue)?.Type != "Microsoft.ServiceBus/namespaces")
            {
                problems.Add($"queue '{queue.Symbol}' is not a child of a Service Bus namespace declared in {TemplateFileName}");
            }
        }

        return problems;
    }

    /// <summary>One table resource per AlertStore.TableNames entry, each a valid Azure table name.</summary>
    public IEnumerable<string> Tables()
    {
        var problems = new List<string>();
        var declared = DeclaredNames(TableType, "table", problems);
        problems.AddRange(CompareNames(_expected.Tables, declared, "table", "AlertStore.TableNames"));
        problems.AddRange(_expected.Tables.Concat(declared).Distinct(StringComparer.Ordinal)
            .Where(t => !Regex.IsMatch(t, "^[A-Za-z][A-Za-z0-9]{2,62}$") || string.Equals(t, "tables", StringComparison.OrdinalIgnoreCase))
            .Select(t => $"'{t}' is not a valid Azure table name (alphanumeric, 3-63 characters, starting with a letter, not 'tables')"));
        problems.AddRange(_template.OfType(TableType)
            .Where(t => ParentOf(t) is not { Type: "Microsoft.Storage/storageAccounts/tableServices" } service
                        || ParentOf(service)?.Type != "Microsoft.Storage/storageAccounts")
            .Select(t => $"table '{t.Symbol}' is not under the tableServices of a storage account declared in {TemplateFileName}"));
        return problems;
    }

    /// <summary>
    /// Every app setting the app reads is declared once, under exactly its name: the registry's list, the %settings% and
    /// connections the generated function.json files use, and the platform's.
    /// </summary>
    public IEnumerable<string> AppSettings()
    {
        var declared = AppSettingNames();
        var problems = new List<string>();
        var required = _expected.AppSettings.Select(n => (Name: n, Source: "FunctionRegistry.AppSettings.All"))
            .Concat(_expected.ScheduleSettings.Select(n => (Name: n, Source: "a function.json schedule")))
            .Concat(_expected.Connections.SelectMany(c => ConnectionSuffixes.Select(s => (Name: c + s, Source: $"function.json connection '{c}'"))))
            .Concat(PlatformSettings.Select(n => (Name: n, Source: "the platform")))
            .DistinctBy(r => r.Name, StringComparer.Ordinal);
        foreach (var (name, source) in required)
        {
            if (declared.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var otherCase = declared.FirstOrDefault(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
            problems.Add(otherCase is null
                ? $"app setting '{name}' ({source}) is not declared in {TemplateFileName}"
                : $"app setting '{name}' ({source}) is declared under another name, '{otherCase}'");
        }

        problems.AddRange(declared.GroupBy(d => d, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"app setting '{g.Key}' is declared more than once"));
        return problems;
    }

    /// <summary>Each timer's schedule setting is declared and, wherever its value is written down, is 6-field NCRONTAB.</summary>
    public IEnumerable<string> Schedules()
    {
        var settings = CollectAppSettings();
        foreach (var name in _expected.ScheduleSettings)
        {
            if (!_expected.AppSettings.Contains(name, StringComparer.Ordinal))
            {
                yield return $"timer schedule setting '{name}' is missing from FunctionRegistry.AppSettings.All";
            }

            if (!settings.TryGetValue(name, out var value))
            {
                continue;
            }

            var values = ScheduleValues(value).ToList();
            if (values.Count == 0)
            {
                yield return $"app setting '{name}' = {value.Text}: no schedule value to check (use a literal or a parameter with a default)";
            }

            foreach (var (where, schedule) in values.Where(v => !IsSixFieldCron(v.Schedule)))
            {
                yield return $"app setting '{name}' ({where}) = '{schedule}' is not a 6-field NCRONTAB expression";
            }
        }
    }

    private IEnumerable<(string Where, string Schedule)> ScheduleValues(BicepExpression value)
    {
        if (value.Literal is { } literal)
        {
            yield return (TemplateFileName, literal);
            yield break;
        }

        if (_template.Parameter(value.Text) is not { } parameter)
        {
            yield break;
        }

        if (parameter.Default is BicepExpression { Literal: { } fallback })
        {
            yield return ($"default of parameter {parameter.Name}", fallback);
        }

        if (_parameters.Parameter(parameter.Name)?.Default is BicepExpression { Literal: { } given })
        {
            yield return ($"parameters file, {parameter.Name}", given);
        }
    }

    private static bool IsSixFieldCron(string schedule) =>
        schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6
        && CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null;

    /// <summary>App setting names as written, duplicates kept (site config 'appsettings' objects and siteConfig.appSettings arrays).</summary>
    private List<string> AppSettingNames() => [.. AppSettingEntries().Select(e => e.Name)];

    /// <summary>App settings by exact name (the first declaration wins; duplicates are reported by <see cref="AppSettings"/>).</summary>
    private Dictionary<string, BicepExpression> CollectAppSettings()
    {
        var settings = new Dictionary<string, BicepExpression>(StringComparer.Ordinal);
        foreach (var (name, value) in AppSettingEntries())
        {
            settings.TryAdd(name, value);
        }

        return settings;
    }

    private IEnumerable<(string Name, BicepExpression Value)> AppSettingEntries()
    {
        foreach (var config in _template.OfType("Microsoft.Web/sites/config").Where(c => c.Name?.Literal == "appsettings"))
        {
            foreach (var property in config.Object.Path("properties")?.AsObject()?.Properties ?? [])
            {
                yield return (property.Key, property.Value as BicepExpression ?? new BicepExpression("<composite>", null, property.Line));
            }
        }

        foreach (var site in _template.OfType("Microsoft.Web/sites"))
        {
            if (site.Object.Path("properties.siteConfig.appSettings") is BicepArray array)
            {
                foreach (var entry in array.Items.Select(i => i.AsObject()).OfType<BicepObject>())
                {
                    if (entry.Expression("name")?.Literal is { } name)
                    {
                        yield return (name, entry.Expression("value") ?? new BicepExpression("<missing>", null, entry.Line));
                    }
                }
            }
        }
    }
}
