namespace Alerts.Host.Tests.Infra;

/// <summary>The Flex Consumption app, its identity-based connections and the settings Flex no longer takes.</summary>
internal sealed partial class InfraChecker
{
    /// <summary>
    /// Settings deprecated or unsupported on Flex Consumption (functions-app-settings "Flex Consumption plan deprecations"),
    /// plus the key-based connections this template turns off (shared keys and App Insights local auth are disabled).
    /// </summary>
    public static IReadOnlyList<string> ForbiddenSettings { get; } =
    [
        "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTOVERVNET", "WEBSITE_SKIP_CONTENTSHARE_VALIDATION",
        "WEBSITE_MOUNT_ENABLED", "WEBSITE_USE_PLACEHOLDER_DOTNETISOLATED", "WEBSITE_NODE_DEFAULT_VERSION", "FUNCTIONS_WORKER_PROCESS_COUNT",
        "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD", "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT", "WEBSITE_TIME_ZONE", "TZ",
        "AzureWebJobsStorage", "APPINSIGHTS_INSTRUMENTATIONKEY",
    ];

    public IEnumerable<string> DeprecatedSettings() =>
        AppSettingNames()
            .Where(n => ForbiddenSettings.Contains(n, StringComparer.OrdinalIgnoreCase))
            .Select(n => $"app setting '{n}' must not be set on Flex Consumption with identity-based connections");

    /// <summary>Host storage, Service Bus, Tables and App Insights all connect through the user-assigned identity.</summary>
    public IEnumerable<string> IdentityConnections()
    {
        var problems = new List<string>();
        var identity = Identity(problems);
        var storage = Single("Microsoft.Storage/storageAccounts", "storage account", problems);
        var serviceBus = Single("Microsoft.ServiceBus/namespaces", "Service Bus namespace", problems);
        var appInsights = Single("Microsoft.Insights/components", "Application Insights component", problems);
        if (identity is null || storage is null || serviceBus is null || appInsights is null)
        {
            return problems;
        }

        var clientId = $"{identity.Symbol}.properties.clientId";
        var settings = CollectAppSettings();
        void Require(string name, Func<BicepExpression, bool> ok, string expectation)
        {
            if (settings.TryGetValue(name, out var value) && !ok(value))
            {
                problems.Add($"app setting '{name}' = {value.Text} must be {expectation}");
            }
        }

        Require("AzureWebJobsStorage__accountName", v => v.Uses($"{storage.Symbol}.name"), $"{storage.Symbol}.name");
        Require("AzureWebJobsStorage__credential", v => v.Literal == "managedidentity", "'managedidentity'");
        Require("AzureWebJobsStorage__clientId", v => v.Uses(clientId), clientId);
        foreach (var connection in _expected.Connections)
        {
            Require($"{connection}__fullyQualifiedNamespace", v => v.Uses($"{serviceBus.Symbol}.name") && v.Text.Contains(".servicebus.windows.net", StringComparison.Ordinal), $"'${{{serviceBus.Symbol}.name}}.servicebus.windows.net'");
            Require($"{connection}__credential", v => v.Literal == "managedidentity", "'managedidentity'");
            Require($"{connection}__clientId", v => v.Uses(clientId), clientId);
        }

        Require("Alerts__Tables__Endpoint", v => v.Uses($"{storage.Symbol}.properties.primaryEndpoints.table"), $"{storage.Symbol}.properties.primaryEndpoints.table");
        Require("Alerts__Tables__ClientId", v => v.Uses(clientId), clientId);
        Require("APPLICATIONINSIGHTS_CONNECTION_STRING", v => v.Uses($"{appInsights.Symbol}.properties.ConnectionString"), $"{appInsights.Symbol}.properties.ConnectionString");
        Require("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", v => v.Uses(clientId) && v.Text.Contains("Authorization=AAD", StringComparison.Ordinal), $"'ClientId=${{{clientId}}};Authorization=AAD'");
        Require("Alerts__PollSources", v => v.Literal == "true", "'true'");
        return problems;
    }

    /// <summary>An FC1 Linux plan and a function app on the custom-handler runtime, deployed from a blob container through the identity.</summary>
    public IEnumerable<string> FlexApp()
    {
        var problems = new List<string>();
        var identity = Identity(problems);
        var plan = Single("Microsoft.Web/serverfarms", "hosting plan", problems);
        var site = Single("Microsoft.Web/sites", "function app", problems);
        var storage = Single("Microsoft.Storage/storageAccounts", "storage account", problems);
        if (identity is null || plan is null || site is null || storage is null)
        {
            return problems;
        }

        void Expect(BicepResource resource, string path, Func<BicepExpression, bool> ok, string expectation)
        {
            var value = resource.Object.Expression(path);
            if (value is null || !ok(value))
            {
                problems.Add($"{resource.Symbol}.{path} = {value?.Text} must be {expectation}");
            }
        }

        Expect(plan, "sku.name", v => v.Literal == "FC1", "'FC1' (Flex Consumption)");
        Expect(plan, "sku.tier", v => v.Literal == "FlexConsumption", "'FlexConsumption'");
        Expect(plan, "properties.reserved", v => v.IsTrue, "true (Linux)");
        Expect(site, "kind", v => v.Literal == "functionapp,linux", "'functionapp,linux'");
        Expect(site, "properties.serverFarmId", v => v.Uses($"{plan.Symbol}.id"), $"{plan.Symbol}.id");
        Expect(site, "properties.functionAppConfig.runtime.name", v => v.Literal == "custom", "'custom' (the custom-handler runtime)");
        Expect(site, "properties.functionAppConfig.runtime.version", v => v.Literal == "1.0", "'1.0'");
        Expect(site, "properties.functionAppConfig.deployment.storage.type", v => v.Literal == "blobContainer", "'blobContainer'");
        Expect(site, "properties.functionAppConfig.deployment.storage.authentication.type", v => v.Literal == "UserAssignedIdentity", "'UserAssignedIdentity'");
        Expect(site, "properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId", v => v.Uses($"{identity.Symbol}.id"), $"{identity.Symbol}.id");
        Expect(site, "properties.keyVaultReferenceIdentity", v => v.Uses($"{identity.Symbol}.id"), $"{identity.Symbol}.id (Key Vault references resolve with the user-assigned identity)");
        Expect(site, "identity.type", v => v.Literal == "UserAssigned", "'UserAssigned'");
        if (site.Object.Path("identity.userAssignedIdentities")?.AsObject()?.Properties.Any(p => p.Key.Contains($"{identity.Symbol}.id", StringComparison.Ordinal)) != true)
        {
            problems.Add($"{site.Symbol}.identity.userAssignedIdentities must hold {identity.Symbol}.id");
        }

        if (site.Object.Path("properties.siteConfig.linuxFxVersion") is not null)
        {
            problems.Add($"{site.Symbol}.properties.siteConfig.linuxFxVersion must not be set on Flex Consumption (the runtime is functionAppConfig.runtime)");
        }

        var containers = _template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c.Name).OfType<BicepExpression>().ToList();
        Expect(site, "properties.functionAppConfig.deployment.storage.value",
            v => v.Uses($"{storage.Symbol}.properties.primaryEndpoints.blob") && containers.Any(c => c.Literal is { } l ? v.Text.Contains(l, StringComparison.Ordinal) : v.Uses(c.Text)),
            $"the blob endpoint of {storage.Symbol} followed by a container declared in {TemplateFileName}");
        return problems;
    }
}
