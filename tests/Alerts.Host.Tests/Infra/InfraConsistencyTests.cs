using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Alerts.Host.Tests.Infra;

/// <summary>
/// infra/main.bicep and infra/main.bicepparam against the code: the queues (FunctionRegistry.Queues.All and every queue a
/// generated function.json binds), the tables (AlertStore.TableNames), the app settings (FunctionRegistry.AppSettings.All),
/// and the platform the custom handler needs (Flex FC1 with runtime custom, identity-based connections, role assignments,
/// Key Vault). No Bicep compiler runs here, so this is the check that a renamed queue or setting cannot ship unnoticed.
/// </summary>
public sealed class InfraConsistencyTests
{
    private static readonly InfraExpectations Expected = InfraExpectations.FromCode();

    private static InfraChecker Checker() => InfraChecker.Load(InfraFiles.Template, InfraFiles.Parameters, Expected);

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, "infra is out of step with the code:\n  " + string.Join("\n  ", list));
    }

    [Fact]
    public void Every_queue_a_function_binds_is_registered_and_every_registered_queue_is_used() => AssertNone(Checker().RegistryQueues());

    [Fact]
    public void Template_declares_exactly_the_registered_queues_with_the_agreed_properties() => AssertNone(Checker().Queues());

    [Fact]
    public void Template_declares_exactly_the_store_tables() => AssertNone(Checker().Tables());

    [Fact]
    public void Template_declares_every_app_setting_the_app_reads_under_its_exact_name() => AssertNone(Checker().AppSettings());

    [Fact]
    public void Timer_schedules_are_declared_as_six_field_ncrontab() => AssertNone(Checker().Schedules());

    [Fact]
    public void No_setting_deprecated_on_flex_or_key_based_is_declared() => AssertNone(Checker().DeprecatedSettings());

    [Fact]
    public void Connections_use_the_user_assigned_identity() => AssertNone(Checker().IdentityConnections());

    [Fact]
    public void Function_app_is_flex_consumption_on_the_custom_runtime() => AssertNone(Checker().FlexApp());

    [Fact]
    public void Identity_holds_every_required_role() => AssertNone(Checker().RoleAssignments());

    [Fact]
    public void Local_auth_and_shared_keys_are_off() => AssertNone(Checker().Security());

    [Fact]
    public void SendGrid_key_lives_in_key_vault_and_is_referenced_from_the_setting() => AssertNone(Checker().KeyVault());

    [Fact]
    public void Parameters_file_sets_only_declared_parameters_and_no_secret() => AssertNone(Checker().ParametersFile());

    [Fact]
    public void Template_outputs_what_the_operator_needs() => AssertNone(Checker().Outputs());

    [Fact]
    public void Every_resource_pins_an_api_version() => AssertNone(Checker().ApiVersions());

    [Fact]
    public void Host_json_uses_an_extension_bundle_that_flex_and_identity_connections_need()
    {
        // Flex requires bundle [4.0.0, 5.0.0) or later; ServiceBusConnection__fullyQualifiedNamespace needs Service Bus extension 5.x (bundle 4.x).
        var bundle = JsonNode.Parse(InfraFiles.HostJson)?["extensionBundle"];
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle?["id"]?.GetValue<string>());
        var range = bundle?["version"]?.GetValue<string>() ?? "";
        var lowest = Regex.Match(range, @"^\[(\d+)\.");
        Assert.True(lowest.Success && int.Parse(lowest.Groups[1].Value, CultureInfo.InvariantCulture) >= 4, $"extension bundle range '{range}' must start at 4 or later");
    }

    [Fact]
    public void All_checks_pass_together() => AssertNone(InfraChecker.CheckAll(InfraFiles.Template, InfraFiles.Parameters, Expected));

    [Fact]
    public void Expectations_come_from_the_code()
    {
        // Guards the checker against an empty registry making every comparison pass vacuously.
        Assert.NotEmpty(Expected.Queues);
        Assert.NotEmpty(Expected.FunctionQueues);
        Assert.NotEmpty(Expected.Tables);
        Assert.NotEmpty(Expected.ScheduleSettings);
        Assert.Contains("SendGridApiKey", Expected.AppSettings);
        Assert.Equal([Functions.FunctionRegistry.ServiceBusConnection], Expected.Connections);
    }
}
