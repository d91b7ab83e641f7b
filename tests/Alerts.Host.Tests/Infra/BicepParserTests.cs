namespace Alerts.Host.Tests.Infra;

/// <summary>The reader understands the other common ways of writing the same thing, so a restyled template is judged on content.</summary>
public sealed class BicepParserTests
{
    [Fact]
    public void Loop_over_a_parameter_default_with_commas_yields_its_names()
    {
        const string source = """
            param queueNames array = ['events', 'deliveries', 'prices']
            resource sb 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
              name: 'sb'
            }
            resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for (q, i) in queueNames: {
              parent: sb
              name: q
            }]
            """;

        var file = BicepParser.Parse(source);
        var queues = Assert.Single(file.OfType("Microsoft.ServiceBus/namespaces/queues"));

        Assert.Equal(["events", "deliveries", "prices"], file.StringArray(queues.Loop!.Source));
        Assert.Equal("q", queues.Name!.Text);
        Assert.Equal("i", queues.Loop.IndexVariable);
    }

    [Fact]
    public void Nested_resources_get_their_full_type_and_the_parent_api_version()
    {
        const string source = """
            resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
              name: 'st'
              resource ts 'tableServices' = {
                name: 'default'
                resource t 'tables' = {
                  name: 'events'
                }
              }
            }
            """;

        var table = Assert.Single(BicepParser.Parse(source).OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));

        Assert.Equal("2023-05-01", table.ApiVersion);
        Assert.Equal("events", table.Name!.Literal);
        Assert.Equal("ts", table.Parent!.Symbol);
    }

    [Fact]
    public void Quoted_keys_interpolation_comments_and_conditions_are_read()
    {
        const string source = """
            /* block
               comment */
            @secure()
            param key string
            var roles = {
              reader: 'aaaaaaaa-0000-0000-0000-000000000000' // trailing comment
            }
            resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = if (!empty(key)) {
              name: 'kv'
              properties: {
                'quoted-key': '${roles.reader}-x'
                plain: 'it\'s'
                list: [
                  1
                  2
                ]
              }
            }
            """;

        var file = BicepParser.Parse(source);
        var vault = Assert.Single(file.OfType("Microsoft.KeyVault/vaults"));

        Assert.True(Assert.Single(file.Parameters).IsSecure);
        Assert.IsType<BicepConditional>(vault.Body);
        Assert.True(vault.Object.Expression("properties.quoted-key")!.Uses("roles.reader"));
        Assert.Equal("it's", vault.Object.Expression("properties.plain")!.Literal);
        Assert.Equal(2, Assert.IsType<BicepArray>(vault.Object.Path("properties.list")).Items.Count);
        Assert.Equal("'aaaaaaaa-0000-0000-0000-000000000000'", Assert.IsType<BicepExpression>(file.Resolve("roles.reader")).Text);
    }

    [Fact]
    public void Parameters_file_parameters_have_no_type()
    {
        var file = BicepParser.Parse("using 'main.bicep'\n\nparam location = 'eastasia'\nparam key = readEnvironmentVariable('KEY')\n");

        Assert.Equal("main.bicep", file.Using);
        Assert.Equal(["location", "key"], file.Parameters.Select(p => p.Name));
        Assert.Null(file.Parameters[0].Type);
        Assert.Equal("eastasia", Assert.IsType<BicepExpression>(file.Parameters[0].Default).Literal);
    }

    [Fact]
    public void Unterminated_object_reports_the_problem()
    {
        var error = Assert.Throws<FormatException>(() => BicepParser.Parse("var x = {\n  a: 1\n"));

        Assert.Contains("end of file", error.Message, StringComparison.Ordinal);
    }
}
