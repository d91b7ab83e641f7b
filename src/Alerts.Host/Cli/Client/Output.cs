using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Alerts.Host.Cli.Client;

/// <summary>Readable tables for the client commands (Spectre.Console); wide enough not to wrap ids when output is redirected.</summary>
public static class Output
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly IAnsiConsole Console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(System.Console.Out),
        Ansi = System.Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
    });

    /// <summary>A table of the <c>items</c> of a list answer (or of one object), one column per (header, value) pair.</summary>
    public static Action<JsonNode?> Table(params (string Header, Func<JsonNode, string?> Value)[] columns) => answer =>
    {
        var rows = answer?["items"] is JsonArray items ? items.OfType<JsonNode>().ToList() : answer is null ? [] : [answer];
        if (rows.Count == 0)
        {
            System.Console.WriteLine("(none)");
            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var (header, _) in columns)
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        foreach (var row in rows)
        {
            table.AddRow([.. columns.Select(c => Markup.Escape(c.Value(row) ?? string.Empty))]);
        }

        if (System.Console.IsOutputRedirected)
        {
            Console.Profile.Width = 240;
        }

        Console.Write(table);
        if ((string?)answer?["continuationToken"] is { } token)
        {
            System.Console.WriteLine($"more: --continuation {token}");
        }
    };

    public static Action<JsonNode?> Message(Func<JsonNode?, string> text) => answer => System.Console.WriteLine(text(answer));

    public static string? Text(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
        {
            current = current?[part];
        }

        return current switch
        {
            null => null,
            JsonArray array => string.Join(", ", array.Select(a => a?.ToString())),
            JsonValue value => value.ToString(),
            _ => current.ToJsonString(),
        };
    }

    public static (string, Func<JsonNode, string?>) Col(string header, string path) => (header, n => Text(n, path));
}
