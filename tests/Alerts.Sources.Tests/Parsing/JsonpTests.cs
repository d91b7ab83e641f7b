using Alerts.Sources.Parsing;

namespace Alerts.Sources.Tests.Parsing;

public class JsonpTests
{
    [Theory]
    [InlineData("jsonpCallback1719000000000({\"a\":1})", "{\"a\":1}")]
    [InlineData("callback({\"a\":1});", "{\"a\":1}")]
    [InlineData("  jQuery.cb_1( {\"a\":{\"b\":[1]}} ) ;\n", "{\"a\":{\"b\":[1]}}")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("[1,2]", "[1,2]")]
    public void Unwraps_the_json_inside_a_callback(string body, string expected) => Assert.Equal(expected, Jsonp.Unwrap(body));

    [Theory]
    [InlineData("")]
    [InlineData("Forbidden")]
    [InlineData("<html><body>denied by bot</body></html>")]
    public void Returns_null_when_there_is_no_json(string body) => Assert.Null(Jsonp.Unwrap(body));
}
