using System.Text.Json.Nodes;
using Alerts.Testing;

namespace Alerts.Delivery.Tests.Fakes;

/// <summary>
/// SendGrid's v3 Mail Send: <c>POST /v3/mail/send</c> with <c>Authorization: Bearer {key}</c> (401 otherwise); every
/// validation problem in one 400 <c>errors</c> array (recipient, from, subject, content with text/plain before text/html);
/// 202 with X-Message-Id when queued, 200 in sandbox mode.
/// </summary>
internal sealed class SendGridFake : PlatformFake
{
    public const string ApiKey = "SG.fakeKeyId0123.S3cr3tK3yMaterialThatMustNeverLeak-0123456789";

    public static async Task<SendGridFake> StartAsync()
    {
        var fake = new SendGridFake();
        await fake.StartServerAsync();
        return fake;
    }

    public string Host => Server.BaseAddress.AbsoluteUri.TrimEnd('/');

    protected override ScriptedAnswer Judge(RecordedRequest request, JsonNode? body)
    {
        if (request.PathAndQuery != "/v3/mail/send")
        {
            return Refuse(404, """{"errors":[{"message":"not found"}]}""", "path");
        }

        if (request.Header("Authorization") != "Bearer " + ApiKey)
        {
            return Refuse(401, """{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,"help":null}]}""", "auth");
        }

        var errors = new List<(string Field, string Message)>();
        var to = body?["personalizations"]?[0]?["to"]?[0]?["email"]?.GetValue<string>();
        if (string.IsNullOrEmpty(to))
        {
            errors.Add(("personalizations.0.to", "The to array is required for all personalization objects, and must have at least one email object with a valid email address."));
        }

        if (string.IsNullOrEmpty(body?["from"]?["email"]?.GetValue<string>()))
        {
            errors.Add(("from.email", "The from object must be provided for every email send."));
        }

        if (string.IsNullOrEmpty(body?["subject"]?.GetValue<string>() ?? body?["personalizations"]?[0]?["subject"]?.GetValue<string>()))
        {
            errors.Add(("subject", "The subject is required."));
        }

        var content = body?["content"] as JsonArray;
        if (content is null || content.Count == 0 || content[0]?["type"]?.GetValue<string>() != "text/plain")
        {
            errors.Add(("content", "text/plain must come first in the content array."));
        }

        if (errors.Count > 0)
        {
            var array = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject { ["message"] = e.Message, ["field"] = e.Field, ["help"] = null })]);
            return Refuse(400, new JsonObject { ["errors"] = array }.ToJsonString(), string.Join("; ", errors.Select(e => e.Field)));
        }

        Accept(body!);
        var sandbox = body?["mail_settings"]?["sandbox_mode"]?["enable"]?.GetValue<bool>() == true;
        return new ScriptedAnswer(sandbox ? 200 : 202, string.Empty, new Dictionary<string, string> { ["X-Message-Id"] = "fake-" + Guid.NewGuid().ToString("N")[..12] });
    }
}
