using System.Text;
using System.Text.RegularExpressions;

namespace HelpWidget.Components.Tests;

/// <summary>An article's own headings sit below its title (h3) in the panel.</summary>
public sealed partial class HeadingShiftTests
{
    [Theory]
    [InlineData("<h1>Connect</h1>", "<h4>Connect</h4>")]
    [InlineData("<h2 id=\"steps\">Steps</h2>", "<h5 id=\"steps\">Steps</h5>")]
    [InlineData("<h3\nclass=\"x\">A</h3 >", "<h6\nclass=\"x\">A</h6 >")]
    [InlineData("<h4>A</h4><h5>B</h5><h6>C</h6>", "<h6>A</h6><h6>B</h6><h6>C</h6>")]
    [InlineData("<p>No headings <b>here</b></p>", "<p>No headings <b>here</b></p>")]
    [InlineData("<hr><header><h7>x</h7><h0>", "<hr><header><h7>x</h7><h0>")]
    [InlineData("<H1>Upper case is left</H1>", "<H1>Upper case is left</H1>")]
    [InlineData("&lt;h1&gt; is text", "&lt;h1&gt; is text")]
    [InlineData("<h12>", "<h12>")]
    [InlineData("ends with <h1", "ends with <h1")]
    [InlineData("ends with </", "ends with </")]
    [InlineData("<", "<")]
    [InlineData("", "")]
    [InlineData("<<h1>>", "<<h4>>")]
    [InlineData("<//h1>", "<//h1>")]
    public void ShiftHeadings_MovesEachHeadingThreeLevelsDownToAtMostH6(string html, string expected) =>
        Assert.Equal(expected, HelpArticleView.ShiftHeadings(html));

    [Fact]
    public void ShiftHeadings_WithoutHeadings_ReturnsTheSameString()
    {
        const string html = "<p>Plain</p>";

        Assert.Same(html, HelpArticleView.ShiftHeadings(html));
    }

    /// <summary>The scan replaced a regular expression (too heavy for a browser); on any input it does what that did.</summary>
    [Fact]
    public void ShiftHeadings_OnRandomMarkup_MatchesTheRegularExpressionItReplaced()
    {
        var random = new Random(20261207);
        const string alphabet = "<</hhh1236790 \t\n\u00a0\u2003>>x&;H";
        for (var n = 0; n < 20_000; n++)
        {
            var html = new StringBuilder();
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                html.Append(alphabet[random.Next(alphabet.Length)]);
            }

            var input = html.ToString();
            var expected = FormerHeadingTag().Replace(input, m => $"<{m.Groups[1].Value}h{Math.Min(6, m.Groups[2].Value[0] - '0' + 3)}");
            Assert.Equal(expected, HelpArticleView.ShiftHeadings(input));
        }
    }

    [GeneratedRegex("<(/?)h([1-6])(?=[\\s>])", RegexOptions.CultureInvariant)]
    private static partial Regex FormerHeadingTag();
}
