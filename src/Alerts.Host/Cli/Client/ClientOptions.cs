using System.CommandLine;
using System.Text.Json.Nodes;

namespace Alerts.Host.Cli.Client;

/// <summary>
/// What every client command shares: the server (<c>--server</c> or <c>ALERTS_SERVER</c>), the key (<c>--api-key</c> or
/// <c>ALERTS_API_KEY</c>; tenant commands use <c>--admin-key</c> or <c>ALERTS_ADMIN_KEY</c>) and <c>--json</c>.
/// </summary>
public static class ClientOptions
{
    public static Option<string?> Server { get; } = new("--server") { Description = "API base URL (default: $ALERTS_SERVER, else http://127.0.0.1:7780)", Recursive = true };

    public static Option<string?> ApiKey { get; } = new("--api-key") { Description = "Tenant API key (default: $ALERTS_API_KEY)", Recursive = true };

    public static Option<string?> AdminKey { get; } = new("--admin-key") { Description = "Admin key (default: $ALERTS_ADMIN_KEY)", Recursive = true };

    public static Option<bool> Json { get; } = new("--json") { Description = "Print the API's JSON instead of a table", Recursive = true };

    /// <summary>A resource command with the shared options attached.</summary>
    public static Command Group(string name, string description, bool admin, params Command[] verbs)
    {
        var command = new Command(name, description) { Server, Json, admin ? AdminKey : ApiKey };
        foreach (var verb in verbs)
        {
            command.Subcommands.Add(verb);
        }

        return command;
    }

    /// <summary>Runs one call against the API; problem details become "error: …" on stderr and exit code 1.</summary>
    public static Command Verb(string name, string description, bool admin, Func<ParseResult, ApiClient, CancellationToken, Task<JsonNode?>> call, Action<JsonNode?> print, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var serverText = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable("ALERTS_SERVER") ?? "http://127.0.0.1:7780";
            if (!Uri.TryCreate(serverText.EndsWith('/') ? serverText : serverText + "/", UriKind.Absolute, out var server))
            {
                await Console.Error.WriteLineAsync($"error: --server '{serverText}' is not an absolute URL");
                return 2;
            }

            var key = admin
                ? parse.GetValue(AdminKey) ?? Environment.GetEnvironmentVariable("ALERTS_ADMIN_KEY")
                : parse.GetValue(ApiKey) ?? Environment.GetEnvironmentVariable("ALERTS_API_KEY");
            if (string.IsNullOrEmpty(key))
            {
                await Console.Error.WriteLineAsync(admin ? "error: give --admin-key or set ALERTS_ADMIN_KEY" : "error: give --api-key or set ALERTS_API_KEY");
                return 2;
            }

            using var client = ApiClient.Create(server, key, TimeSpan.FromSeconds(60));
            try
            {
                var result = await call(parse, client, cancellationToken);
                if (parse.GetValue(Json))
                {
                    Console.WriteLine(result?.ToJsonString(Output.Indented) ?? string.Empty);
                }
                else
                {
                    print(result);
                }

                return 0;
            }
            catch (ApiClientException exception)
            {
                await Console.Error.WriteLineAsync("error: " + exception.Message);
                return 1;
            }
            catch (HttpRequestException exception)
            {
                await Console.Error.WriteLineAsync($"error: cannot reach {server}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
