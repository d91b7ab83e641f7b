using System.Reflection;
using System.Text.Json.Nodes;
using Alerts.Functions.Extensions;
using Alerts.Functions.Tests.Support;
using Alerts.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions.Tests.Infra;

/// <summary>
/// infra/main.bicep through the real compiler: it builds, lint has nothing to say, and the ARM JSON declares every queue,
/// table and app setting the code uses, under exactly the names the code uses (read from the code, not copied here).
/// </summary>
public sealed class InfraTemplateTests
{
    [Fact]
    public async Task Lint_reports_nothing()
    {
        var result = await BicepCompiler.RunAsync("lint", RepositoryRoot.File("infra", "main.bicep"));

        Assert.True(result.ExitCode == 0 && result.All.Trim().Length == 0, $"bicep lint:\n{result.All}");
    }

    [Fact]
    public async Task Parameters_file_compiles_against_the_template()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("alerts-bicepparam-").FullName, "main.parameters.json");
        var result = await ProcessRunner.RunAsync(
            BicepCompiler.Executable, RepositoryRoot.Path, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["SENDGRID_API_KEY"] = "SG.test-only", ["ALERTS_KEYRING_KEY"] = "a2V5cmluZy10ZXN0LW9ubHk=", ["ALERTS_API_ADMIN_KEY"] = "admin-test-only" },
            "build-params", RepositoryRoot.File("infra", "main.bicepparam"), "--outfile", output);

        Assert.True(result.ExitCode == 0, result.All);
        var parameters = JsonNode.Parse(await File.ReadAllTextAsync(output))!["parameters"]!.AsObject();
        Assert.Equal("SG.test-only", (string?)parameters["sendGridApiKey"]!["value"]);
        Assert.Equal("a2V5cmluZy10ZXN0LW9ubHk=", (string?)parameters["keyRingKey"]!["value"]);
    }

    [Fact]
    public async Task Every_queue_the_functions_trigger_on_or_send_to_is_declared()
    {
        var template = new ArmTemplate(await BicepCompiler.MainTemplateAsync());
        var declared = template.ArrayVariable("queueNames");
        var triggered = FunctionCatalog.QueueTriggers().Select(t => t.Queue).ToList();

        Assert.Equal(QueueNames.All.Order(), declared.Order());
        Assert.All(triggered, queue => Assert.Contains(queue, declared));
        var queues = template.Single("Microsoft.Storage/storageAccounts/queueServices/queues");
        Assert.Contains("variables('queueNames')", ArmTemplate.CopyInput(queues), StringComparison.Ordinal);
        Assert.DoesNotContain(template.Resources, r => ((string)r["type"]!).StartsWith("Microsoft.ServiceBus", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Every_table_of_the_store_is_declared()
    {
        var template = new ArmTemplate(await BicepCompiler.MainTemplateAsync());

        Assert.Equal(AlertStore.TableNames.Order(), template.ArrayVariable("tableNames").Order());
        var tables = template.Single("Microsoft.Storage/storageAccounts/tableServices/tables");
        Assert.Contains("variables('tableNames')", ArmTemplate.CopyInput(tables), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_app_setting_the_code_reads_is_set_and_none_is_a_connection_string()
    {
        var settings = new ArmTemplate(await BicepCompiler.MainTemplateAsync()).AppSettings;

        Assert.All(AppSettingNames.Required, name => Assert.True(settings.ContainsKey(name), $"app setting {name} is not in infra/main.bicep"));
        Assert.All(FunctionCatalog.TimerTriggers(), timer => Assert.True(settings.ContainsKey(timer.Setting), $"{timer.Function} reads %{timer.Setting}%"));
        Assert.Equal("managedidentity", settings[AppSettingNames.StorageCredential]);
        Assert.DoesNotContain(AppSettingNames.Storage, settings.Keys);
        Assert.All(settings.Values, value => Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings[AppSettingNames.SendGridApiKey], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings[AppSettingNames.KeyRingKey], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings["Alerts__Api__AdminKey"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_runs_dotnet_isolated_10_on_flex_consumption()
    {
        var template = new ArmTemplate(await BicepCompiler.MainTemplateAsync());
        var plan = template.Single("Microsoft.Web/serverfarms");
        var app = template.Single("Microsoft.Web/sites");
        var config = app["properties"]!["functionAppConfig"]!;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("blobContainer", (string?)config["deployment"]!["storage"]!["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal("UserAssigned", (string?)app["identity"]!["type"]);
        Assert.Equal(false, (bool?)template.Single("Microsoft.Storage/storageAccounts")["properties"]!["allowSharedKeyAccess"]);
    }

    [Fact]
    public async Task The_identity_gets_exactly_the_least_privilege_roles()
    {
        var template = new ArmTemplate(await BicepCompiler.MainTemplateAsync());
        var roles = template.Variables["roles"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        var assigned = template.OfType("Microsoft.Authorization/roleAssignments")
            .Select(r => (Role: (string)r["properties"]!["roleDefinitionId"]!, Scope: (string?)r["scope"] ?? string.Empty, Principal: (string)r["properties"]!["principalId"]!))
            .ToList();

        // Built-in role ids: Storage Blob Data Owner (deployment package, host leases), Queue Data Contributor (triggers, sends,
        // poison moves), Table Data Contributor (the store), Monitoring Metrics Publisher, Key Vault Secrets User.
        var expected = new Dictionary<string, (string Id, string Scope)>
        {
            ["storageBlobDataOwner"] = ("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"),
            ["storageQueueDataContributor"] = ("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"),
            ["storageTableDataContributor"] = ("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"),
            ["monitoringMetricsPublisher"] = ("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"),
            ["keyVaultSecretsUser"] = ("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),
        };
        Assert.Equal(expected.Count, assigned.Count);
        Assert.Equal(expected.ToDictionary(e => e.Key, e => e.Value.Id).OrderBy(p => p.Key), roles.OrderBy(p => p.Key));
        foreach (var (name, (_, scope)) in expected)
        {
            var assignment = Assert.Single(assigned, a => a.Role.Contains($"variables('roles').{name}", StringComparison.Ordinal));
            Assert.Contains(scope, assignment.Scope, StringComparison.Ordinal);
            Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", assignment.Principal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Timer_and_queue_triggers_are_found_in_the_code()
    {
        // Guards the reflection the other tests rely on: an empty list would make them pass vacuously.
        Assert.Equal(3, FunctionCatalog.TimerTriggers().Count);
        Assert.Equal(6, FunctionCatalog.QueueTriggers().Count);
        Assert.NotNull(typeof(QueueTriggerAttribute).GetCustomAttribute<AttributeUsageAttribute>());
    }
}
