using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Alerts.Host.Functions;

/// <summary>
/// The handler's answer: always a JSON object <c>{"Outputs":{...},"Logs":[...],"ReturnValue":null}</c> with
/// <c>Content-Type: application/json</c> (an empty or null body hangs the host until functionTimeout). Output values are JSON
/// objects or arrays only: the host base64-decodes string outputs. Keys are PascalCase and written by hand, so no naming
/// policy can touch them. Any status other than 2xx fails the invocation: outputs are discarded and a Service Bus message is
/// abandoned (redelivered, dead-lettered after the queue's max delivery count).
/// </summary>
public sealed class InvocationResult
{
    // The body goes to the Functions host, not to a browser: no need to escape quotes and non-ASCII text.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FunctionDefinition _function;
    private readonly JsonObject _outputs = [];
    private readonly JsonArray _logs = [];

    public InvocationResult(FunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
    }

    public int StatusCode { get; private set; } = StatusCodes.Status200OK;

    public JsonObject Outputs => _outputs;

    public IEnumerable<string> Logs => _logs.Select(l => l!.GetValue<string>());

    /// <summary>Sets an output binding; the name must be one of the function's declared outputs (function.json).</summary>
    public InvocationResult Output(string bindingName, JsonNode value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not (JsonObject or JsonArray))
        {
            throw new ArgumentException("Outputs must be JSON objects or arrays: the host base64-decodes string outputs.", nameof(value));
        }

        if (!HasOutput(_function, bindingName))
        {
            throw new InvalidOperationException($"Function {_function.Name} declares no output binding '{bindingName}'.");
        }

        _outputs[bindingName] = value;
        return this;
    }

    /// <summary>Sets the http output: <c>{"statusCode":..,"body":..,"headers":{"Content-Type":..}}</c>.</summary>
    public InvocationResult Http(int statusCode, JsonNode body, string contentType = "application/json") =>
        Output(FunctionRegistry.HttpResponseBinding, new JsonObject
        {
            ["statusCode"] = statusCode,
            ["body"] = body,
            ["headers"] = new JsonObject { ["Content-Type"] = contentType },
        });

    /// <summary>A line for the invocation log (the host writes each at Information). Never put secrets here.</summary>
    public InvocationResult Log(string line)
    {
        _logs.Add(line);
        return this;
    }

    /// <summary>Fails the invocation (non-2xx): the host discards outputs and abandons a queue message.</summary>
    public InvocationResult Fail(string line)
    {
        StatusCode = StatusCodes.Status500InternalServerError;
        _outputs.Clear();
        return Log(line);
    }

    public static bool HasOutput(FunctionDefinition function, string bindingName)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.Outputs.Any(o => o.BindingName == bindingName)
            || (function.Trigger == TriggerKind.Http && bindingName == FunctionRegistry.HttpResponseBinding);
    }

    public JsonObject ToJson() => new()
    {
        ["Outputs"] = _outputs.DeepClone(),
        ["Logs"] = _logs.DeepClone(),
        ["ReturnValue"] = null,
    };

    public IResult ToHttpResult() => Results.Text(ToJson().ToJsonString(Relaxed), "application/json", Encoding.UTF8, StatusCode);

    /// <summary>A request that is not the host's envelope at all (a bug or a stray caller): 400, still a JSON object.</summary>
    public static IResult BadRequest(FunctionDefinition function, string problem) =>
        Results.Text(new InvocationResult(function).Log(problem).ToJson().ToJsonString(Relaxed), "application/json", Encoding.UTF8, StatusCodes.Status400BadRequest);
}
