using System.Net;

namespace Alerts.Api.Tests.Endpoints;

public sealed class CompaniesTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("2513")]
    [InlineData("02513")]
    [InlineData("2513.HK")]
    [InlineData("Zhipu")]
    [InlineData("zhipu ai")]
    [InlineData("智谱")]
    [InlineData("北京智谱华章科技股份有限公司")]
    [InlineData("Knowledge")]
    public async Task Search_finds_a_company_by_code_symbol_or_name_in_English_or_Chinese(string query)
    {
        var tenant = await _server.NewTenantAsync();
        var (status, body) = await tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/companies?q=" + Uri.EscapeDataString(query));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("zhipu", (string)body!["items"]![0]!["id"]!);
    }

    [Fact]
    public async Task Search_without_a_query_names_the_parameter()
    {
        var tenant = await _server.NewTenantAsync();
        var (status, problem) = await tenant.Http.SendAsync(HttpMethod.Get, "/api/v1/companies");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem!["errors"]!["q"]);
    }

    [Fact]
    public async Task A_tenants_alias_finds_the_company_for_that_tenant_only()
    {
        var mei = await _server.NewTenantAsync("Mei");
        var desk = await _server.NewTenantAsync("Desk");
        var (put, alias) = await mei.Http.SendAsync(HttpMethod.Put, "/api/v1/aliases/ZAI", """{"company":"2513.HK"}""");
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal("zhipu", (string)alias!["companyId"]!);

        var (_, found) = await mei.Http.SendAsync(HttpMethod.Get, "/api/v1/companies?q=zai");
        Assert.Equal("zhipu", (string)found!["items"]![0]!["id"]!);
        var (_, other) = await desk.Http.SendAsync(HttpMethod.Get, "/api/v1/companies?q=zai");
        Assert.Empty(other!["items"]!.AsArray());

        var (_, list) = await mei.Http.SendAsync(HttpMethod.Get, "/api/v1/aliases");
        Assert.Single(list!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await desk.Http.SendAsync(HttpMethod.Delete, "/api/v1/aliases/ZAI")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await mei.Http.SendAsync(HttpMethod.Delete, "/api/v1/aliases/zai")).Status);
    }

    [Fact]
    public async Task An_alias_for_an_ambiguous_name_lists_the_candidates_and_is_not_saved()
    {
        var tenant = await _server.NewTenantAsync();
        var (status, problem) = await tenant.Http.SendAsync(HttpMethod.Put, "/api/v1/aliases/ai", """{"company":"科技"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = (string)problem!["errors"]!["company"]![0]!;
        Assert.Contains("zhipu", message, StringComparison.Ordinal);
        Assert.Contains("minimax", message, StringComparison.Ordinal);
        Assert.Empty(await _server.Store.Aliases.ListAsync(tenant.TenantId, CancellationToken.None));
    }
}
