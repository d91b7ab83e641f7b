using System.Text.RegularExpressions;

namespace Alerts.Host.Tests.Infra;

/// <summary>A built-in role the identity needs, and the type of resource it must be assigned on.</summary>
internal sealed record RequiredRole(string Name, string Id, string ScopeType);

/// <summary>Role assignments, local auth off everywhere, the Key Vault secret, the parameters file and the outputs.</summary>
internal sealed partial class InfraChecker
{
    public static IReadOnlyList<RequiredRole> RequiredRoles { get; } =
    [
        new("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
        new("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
        new("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
        new("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"),
        new("Azure Service Bus Data Receiver", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Microsoft.ServiceBus/namespaces"),
        new("Azure Service Bus Data Sender", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Microsoft.ServiceBus/namespaces"),
        new("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),
    ];

    public static IReadOnlyList<string> RequiredOutputs { get; } =
    [
        "functionAppName", "functionAppDefaultHostName", "serviceBusNamespaceFqdn", "storageAccountName", "tableEndpoint",
        "keyVaultName", "identityClientId", "applicationInsightsName",
    ];

    private static readonly Regex GuidPattern = new("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", RegexOptions.CultureInvariant);

    /// <summary>Each required role is assigned to the identity on a resource of the right type.</summary>
    public IEnumerable<string> RoleAssignments()
    {
        var problems = new List<string>();
        if (Identity(problems) is not { } identity)
        {
            return problems;
        }

        var assignments = _template.OfType("Microsoft.Authorization/roleAssignments").Select(a => (
            Roles: RoleIds(a),
            Scope: a.Object.Get("scope") is BicepExpression s ? _template.Resource(s.Text)?.Type : null,
            ToIdentity: a.Object.Expression("properties.principalId")?.Uses($"{identity.Symbol}.properties.principalId") == true)).ToList();
        foreach (var role in RequiredRoles)
        {
            if (!assignments.Any(a => a.Roles.Contains(role.Id, StringComparer.OrdinalIgnoreCase) && a.ToIdentity && a.Scope == role.ScopeType))
            {
                problems.Add($"no '{role.Name}' role assignment ({role.Id}) for {identity.Symbol} scoped to the {role.ScopeType} resource");
            }
        }

        return problems;
    }

    /// <summary>Role definition ids an assignment names: GUIDs written in place, in variables it uses, or in the array it loops over.</summary>
    private HashSet<string> RoleIds(BicepResource assignment)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (assignment.Object.Expression("properties.roleDefinitionId") is not { } definition)
        {
            return ids;
        }

        ids.UnionWith(GuidPattern.Matches(definition.Text).Select(m => m.Value));
        foreach (var path in definition.Paths())
        {
            if (_template.Resolve(path) is BicepExpression { Literal: { } literal })
            {
                ids.UnionWith(GuidPattern.Matches(literal).Select(m => m.Value));
            }
        }

        if (assignment.Loop is { } loop && definition.Uses(loop.ItemVariable))
        {
            ids.UnionWith(_template.StringArray(loop.Source)?.SelectMany(s => GuidPattern.Matches(s).Select(m => m.Value)) ?? []);
        }

        return ids;
    }

    /// <summary>No shared keys or local auth anywhere: storage, Service Bus and App Insights accept Entra ID only.</summary>
    public IEnumerable<string> Security()
    {
        var problems = new List<string>();
        void Expect(string type, string what, string path, Func<BicepExpression, bool> ok, string expectation)
        {
            if (Single(type, what, problems) is { } resource && (resource.Object.Expression(path) is not { } value || !ok(value)))
            {
                problems.Add($"{resource.Symbol}.{path} = {resource.Object.Expression(path)?.Text} must be {expectation}");
            }
        }

        Expect("Microsoft.Storage/storageAccounts", "storage account", "properties.allowSharedKeyAccess", v => v.IsFalse, "false");
        Expect("Microsoft.Storage/storageAccounts", "storage account", "properties.minimumTlsVersion", v => v.Literal == "TLS1_2", "'TLS1_2'");
        Expect("Microsoft.ServiceBus/namespaces", "Service Bus namespace", "sku.name", v => v.Literal == "Standard", "'Standard'");
        Expect("Microsoft.ServiceBus/namespaces", "Service Bus namespace", "properties.disableLocalAuth", v => v.IsTrue, "true");
        Expect("Microsoft.Insights/components", "Application Insights component", "properties.DisableLocalAuth", v => v.IsTrue, "true");
        var workspace = _template.OfType("Microsoft.OperationalInsights/workspaces").FirstOrDefault();
        Expect("Microsoft.Insights/components", "Application Insights component", "properties.WorkspaceResourceId",
            v => workspace is not null && v.Uses($"{workspace.Symbol}.id"), "the id of a Log Analytics workspace declared in the template");
        return problems.Distinct(StringComparer.Ordinal);
    }

    /// <summary>A soft-delete, RBAC Key Vault holds the SendGrid key from a secure parameter; SendGridApiKey references it.</summary>
    public IEnumerable<string> KeyVault()
    {
        var problems = new List<string>();
        var vault = Single("Microsoft.KeyVault/vaults", "Key Vault", problems);
        var secret = Single("Microsoft.KeyVault/vaults/secrets", "Key Vault secret (the SendGrid API key)", problems);
        if (vault is null || secret is null)
        {
            return problems;
        }

        foreach (var path in new[] { "properties.enableRbacAuthorization", "properties.enableSoftDelete" })
        {
            if (vault.Object.Expression(path)?.IsTrue != true)
            {
                problems.Add($"{vault.Symbol}.{path} must be true");
            }
        }

        if (ParentOf(secret) != vault)
        {
            problems.Add($"secret '{secret.Symbol}' must belong to Key Vault '{vault.Symbol}'");
        }

        var value = secret.Object.Expression("properties.value");
        if (value is null || _template.Parameter(value.Text) is not { IsSecure: true, Default: null })
        {
            problems.Add($"secret '{secret.Symbol}' must take its value from a @secure() parameter without a default (found {value?.Text})");
        }

        if (CollectAppSettings().TryGetValue("SendGridApiKey", out var setting)
            && !(setting.Text.StartsWith("'@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal)
                 && (setting.Uses($"{secret.Symbol}.properties.secretUri") || setting.Uses($"{secret.Symbol}.properties.secretUriWithVersion"))))
        {
            problems.Add($"app setting 'SendGridApiKey' = {setting.Text} must be '@Microsoft.KeyVault(SecretUri=${{{secret.Symbol}.properties.secretUri}})'");
        }

        return problems;
    }

    /// <summary>The parameters file uses main.bicep, names only its parameters, supplies the required ones and holds no secret.</summary>
    public IEnumerable<string> ParametersFile()
    {
        if (_parameters.Using != TemplateFileName)
        {
            yield return $"the parameters file must start with using '{TemplateFileName}' (found '{_parameters.Using}')";
        }

        foreach (var given in _parameters.Parameters.Where(g => _template.Parameter(g.Name) is null))
        {
            yield return $"the parameters file sets '{given.Name}', which {TemplateFileName} does not declare";
        }

        foreach (var required in _template.Parameters.Where(p => p.Default is null && _parameters.Parameter(p.Name) is null))
        {
            yield return $"the parameters file does not set '{required.Name}', which has no default in {TemplateFileName}";
        }

        foreach (var secure in _template.Parameters.Where(p => p.IsSecure))
        {
            if (_parameters.Parameter(secure.Name)?.Default is BicepExpression { Text: var text } && text.StartsWith('\''))
            {
                yield return $"the parameters file writes secure parameter '{secure.Name}' as a string; read it from the environment or Key Vault instead";
            }
        }
    }

    /// <summary>The outputs the operator needs (README) exist.</summary>
    public IEnumerable<string> Outputs() =>
        RequiredOutputs.Where(o => !_template.Outputs.Any(d => d.Name == o)).Select(o => $"{TemplateFileName} has no output '{o}'");
}
