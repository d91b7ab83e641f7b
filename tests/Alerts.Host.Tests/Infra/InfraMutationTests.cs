namespace Alerts.Host.Tests.Infra;

/// <summary>
/// The checker must catch drift, not just bless today's files: each case breaks a copy of the real template or
/// parameters file in one way and expects the matching problem.
/// </summary>
public sealed class InfraMutationTests
{
    private sealed record Mutation(bool InParameters, string Find, string Replace, string ExpectedProblem);

    private static readonly Dictionary<string, Mutation> Mutations = new(StringComparer.Ordinal)
    {
        ["queue renamed"] = new(false, "  'prices'\n", "  'price-updates'\n", "Service Bus queue 'prices' (FunctionRegistry.Queues.All) is not declared"),
        ["queue dropped"] = new(false, "  'deliveries'\n  'prices'\n", "  'prices'\n", "binds 'deliveries' to queue 'deliveries', which main.bicep does not declare"),
        ["queue name prefixed"] = new(false, "  name: queueName\n", "  name: 'q-${queueName}'\n", "rather than by the loop item"),
        ["queue lock duration"] = new(false, "lockDuration: 'PT1M'", "lockDuration: 'PT5M'", "lockDuration must be 'PT1M'"),
        ["queue without dead-lettering"] = new(false, "deadLetteringOnMessageExpiration: true", "deadLetteringOnMessageExpiration: false", "deadLetteringOnMessageExpiration must be true"),
        ["delivery count setting drifts"] = new(false, "string(maxDeliveryCount)", "'5'", "Alerts__MaxQueueDeliveryCount ('5') must be the queues' maxDeliveryCount"),
        ["table dropped"] = new(false, "  'rulestate'\n", "", "table 'rulestate' (AlertStore.TableNames) is not declared"),
        ["table renamed with a hyphen"] = new(false, "  'rulestate'\n", "  'rule-state'\n", "'rule-state' is not a valid Azure table name"),
        ["tables outside table services"] = new(false, "  parent: tableServices\n", "  parent: storage\n", "table 'tables' is not under the tableServices of a storage account"),
        ["setting renamed"] = new(false, "ServiceBusConnection__fullyQualifiedNamespace:", "ServiceBusConnection__namespace:", "app setting 'ServiceBusConnection__fullyQualifiedNamespace' (FunctionRegistry.AppSettings.All) is not declared"),
        ["setting recased"] = new(false, "Alerts__Tables__Endpoint:", "Alerts__tables__endpoint:", "declared under another name, 'Alerts__tables__endpoint'"),
        ["platform setting dropped"] = new(false, "      AzureWebJobsStorage__clientId: identity.properties.clientId\n", "", "app setting 'AzureWebJobsStorage__clientId' (the platform) is not declared"),
        ["five-field schedule"] = new(false, "param pollSchedule string = '0 */2 * * * *'", "param pollSchedule string = '*/2 * * * *'", "app setting 'PollSchedule' (default of parameter pollSchedule) = '*/2 * * * *' is not a 6-field NCRONTAB"),
        ["deprecated worker runtime"] = new(false, "      Alerts__PollSources: 'true'\n", "      Alerts__PollSources: 'true'\n      FUNCTIONS_WORKER_RUNTIME: 'custom'\n", "'FUNCTIONS_WORKER_RUNTIME' must not be set"),
        ["run from package"] = new(false, "      Alerts__PollSources: 'true'\n", "      Alerts__PollSources: 'true'\n      WEBSITE_RUN_FROM_PACKAGE: '1'\n", "'WEBSITE_RUN_FROM_PACKAGE' must not be set"),
        ["service bus key credential"] = new(false, "ServiceBusConnection__credential: 'managedidentity'", "ServiceBusConnection__credential: 'connectionstring'", "'ServiceBusConnection__credential' = 'connectionstring' must be 'managedidentity'"),
        ["isolated runtime"] = new(false, "name: 'custom'", "name: 'dotnet-isolated'", "runtime.name = 'dotnet-isolated' must be 'custom'"),
        ["consumption plan"] = new(false, "name: 'FC1'", "name: 'Y1'", "sku.name = 'Y1' must be 'FC1'"),
        ["deployment by key"] = new(false, "type: 'UserAssignedIdentity'", "type: 'StorageAccountConnectionString'", "authentication.type = 'StorageAccountConnectionString' must be 'UserAssignedIdentity'"),
        ["role missing"] = new(false, "keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'", "keyVaultSecretsUser: '00000000-0000-0000-0000-000000000000'", "no 'Key Vault Secrets User' role assignment"),
        ["role on the wrong scope"] = new(false, "  scope: serviceBus\n", "  scope: storage\n", "no 'Azure Service Bus Data Receiver' role assignment"),
        ["shared keys on"] = new(false, "allowSharedKeyAccess: false", "allowSharedKeyAccess: true", "allowSharedKeyAccess = true must be false"),
        ["service bus local auth on"] = new(false, "disableLocalAuth: true", "disableLocalAuth: false", "disableLocalAuth = false must be true"),
        ["sendgrid key inline"] = new(false, "'@Microsoft.KeyVault(SecretUri=${sendGridSecret.properties.secretUri})'", "sendGridApiKey", "app setting 'SendGridApiKey' = sendGridApiKey must be '@Microsoft.KeyVault"),
        ["vault without rbac"] = new(false, "enableRbacAuthorization: true", "enableRbacAuthorization: false", "enableRbacAuthorization must be true"),
        ["output dropped"] = new(false, "output keyVaultName string = keyVault.name\n", "", "has no output 'keyVaultName'"),
        ["unknown parameter"] = new(true, "param namePrefix = 'alerts'\n", "param namePrefix = 'alerts'\nparam queuePrefix = 'alerts'\n", "sets 'queuePrefix', which main.bicep does not declare"),
        ["secret in parameters file"] = new(true, "readEnvironmentVariable('SENDGRID_API_KEY')", "'SG.placeholder'", "writes secure parameter 'sendGridApiKey' as a string"),
        ["schedule in parameters file"] = new(true, "param retryDueSchedule = '30 * * * * *'", "param retryDueSchedule = 'every minute'", "(parameters file, retryDueSchedule) = 'every minute' is not a 6-field NCRONTAB"),
    };

    public static TheoryData<string> Cases => [.. Mutations.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broken_copy_is_caught(string name)
    {
        var mutation = Mutations[name];
        var template = InfraFiles.Template.ReplaceLineEndings("\n");
        var parameters = InfraFiles.Parameters.ReplaceLineEndings("\n");
        var original = mutation.InParameters ? parameters : template;
        Assert.Contains(mutation.Find, original, StringComparison.Ordinal); // the case still applies to today's file
        var broken = original.Replace(mutation.Find, mutation.Replace, StringComparison.Ordinal);

        var problems = mutation.InParameters
            ? InfraChecker.CheckAll(template, broken, InfraExpectations.FromCode())
            : InfraChecker.CheckAll(broken, parameters, InfraExpectations.FromCode());

        Assert.True(
            problems.Any(p => p.Contains(mutation.ExpectedProblem, StringComparison.Ordinal)),
            $"expected a problem containing \"{mutation.ExpectedProblem}\"; got:\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Registry_queue_missing_from_the_template_is_caught()
    {
        // The other direction: the code gains a queue the template does not have.
        var code = InfraExpectations.FromCode();
        var grown = code with
        {
            Queues = [.. code.Queues, "digests"],
            FunctionQueues = [.. code.FunctionQueues, new FunctionQueueUse("Digest", "digests", "digests")],
        };

        var problems = InfraChecker.CheckAll(InfraFiles.Template, InfraFiles.Parameters, grown);

        Assert.Contains(problems, p => p.Contains("Service Bus queue 'digests' (FunctionRegistry.Queues.All) is not declared", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("function Digest binds 'digests' to queue 'digests', which main.bicep does not declare", StringComparison.Ordinal));
    }

    [Fact]
    public void Function_bound_to_an_unregistered_queue_is_caught()
    {
        var code = InfraExpectations.FromCode();
        var stray = code with { FunctionQueues = [.. code.FunctionQueues, new FunctionQueueUse("PollSources", "events", "event")] };

        var problems = InfraChecker.CheckAll(InfraFiles.Template, InfraFiles.Parameters, stray);

        Assert.Contains(problems, p => p.Contains("function PollSources binds 'events' to queue 'event', which FunctionRegistry.Queues.All does not list", StringComparison.Ordinal));
    }

    [Fact]
    public void New_app_setting_in_the_registry_is_caught()
    {
        var code = InfraExpectations.FromCode();
        var grown = code with { AppSettings = [.. code.AppSettings, "Alerts__DigestSchedule"] };

        var problems = InfraChecker.CheckAll(InfraFiles.Template, InfraFiles.Parameters, grown);

        Assert.Contains(problems, p => p.Contains("app setting 'Alerts__DigestSchedule' (FunctionRegistry.AppSettings.All) is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void Function_json_connection_without_identity_settings_is_caught()
    {
        var code = InfraExpectations.FromCode();
        var grown = code with { Connections = [.. code.Connections, "ArchiveBus"] };

        var problems = InfraChecker.CheckAll(InfraFiles.Template, InfraFiles.Parameters, grown);

        Assert.Contains(problems, p => p.Contains("app setting 'ArchiveBus__fullyQualifiedNamespace' (function.json connection 'ArchiveBus') is not declared", StringComparison.Ordinal));
    }

    [Fact]
    public void Unparseable_template_is_a_problem_not_a_pass()
    {
        var problems = InfraChecker.CheckAll("resource broken 'Microsoft.Web/sites@2024-04-01' = {\n  name: 'x'\n", InfraFiles.Parameters, InfraExpectations.FromCode());

        Assert.Contains(problems, p => p.StartsWith("main.bicep does not parse", StringComparison.Ordinal));
    }
}
