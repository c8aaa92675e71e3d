namespace HelpWidget.Tests;

public sealed class OptionValueTests
{
    [Theory]
    [InlineData(null, "null")]
    [InlineData("", "''")]
    [InlineData("sv-SE", "'sv-SE'")]
    [InlineData("a\u0000b\u001bc\u007fd", "'a\uFFFDb\uFFFDc\uFFFDd'")]
    [InlineData("right\u202Eleft", "'right\uFFFDleft'")]
    [InlineData("zero\u200Bwidth", "'zero\uFFFDwidth'")]
    public void Quote_ShowsTheValueWithoutControlOrFormatCharacters(string? value, string expected) =>
        Assert.Equal(expected, OptionValue.Quote(value));

    [Fact]
    public void Quote_LongValue_IsCutAt60Characters()
    {
        Assert.Equal("'" + new string('a', 60) + "…'", OptionValue.Quote(new string('a', 1_000_000)));
        Assert.Equal("'" + new string('a', 60) + "'", OptionValue.Quote(new string('a', 60)));
    }
}
