using System.Diagnostics;
using Alerts.Core.Model;
using Alerts.Delivery.Templates;
using Alerts.Delivery.Tests.Support;

namespace Alerts.Delivery.Tests.Templates;

/// <summary>
/// Templates that would build their way through memory in few steps (doubling a value in a loop, chaining expanding
/// filters, doubling a list) are stopped by size, quickly, with the limit named; well-behaved templates are untouched.
/// </summary>
public class TemplateLimitsTests
{
    public static TheoryData<string, string> Runaway => new()
    {
        { "{% assign x = title %}{% for i in (1..60) %}{% assign x = x | append: x %}{% endfor %}{{ x | size }}", "longer than" },
        { "{% assign x = title %}{% for i in (1..60) %}{% assign x = x | prepend: x %}{% endfor %}{{ x | size }}", "longer than" },
        { "{{ title" + string.Concat(Enumerable.Repeat(" | replace: 'a', 'aaaa'", 30)) + " | size }}", "longer than" },
        { "{% assign a = codes %}{% for i in (1..60) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}", "longer than" },
        { "{% assign x = title | split: '' %}{% for i in (1..60) %}{% assign x = x | concat: x %}{% endfor %}", "longer than" },
        { "{% for i in (1..999) %}{{ title }}{{ title }}{{ title }}{% endfor %}", "rendered more than" },
        { "{% capture x %}{{ title }}{{ title }}{% endcapture %}{{ x }}", "capture" },
    };

    [Theory]
    [MemberData(nameof(Runaway))]
    public void A_runaway_template_is_refused_quickly_with_the_limit_named(string body, string why)
    {
        var clock = Stopwatch.StartNew();

        var errors = TemplateEngine.Validate(new MessageTemplate(Body: body));

        var error = Assert.Single(errors);
        Assert.Equal("body", error.Part);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_template_that_builds_text_within_the_limits_still_renders()
    {
        var fields = AlertFields.From(TestData.Alert(headline: "Results"), DeliveryContext.Default);

        var (text, error) = TemplateEngine.Render("{% assign x = title %}{% for i in (1..3) %}{% assign x = x | append: '&' %}{% endfor %}{{ x | url_encode }}", fields);

        Assert.Null(error);
        Assert.Equal("Results%26%26%26", text);
    }
}
