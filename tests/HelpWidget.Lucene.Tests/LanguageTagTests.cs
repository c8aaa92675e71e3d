using System.Globalization;

namespace HelpWidget.Lucene.Tests;

public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("sv", "sv")]
    [InlineData("sv-SE", "sv")]
    [InlineData(" nb-NO ", "nb")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Language_Tag_IsItsTwoLetterLanguage(string? tag, string? expected)
    {
        Assert.Equal(expected, LuceneKnowledgeProvider.Language(tag));
    }

    [Theory]
    [InlineData("sv", "sv")]
    [InlineData("nb-NO", "nb")]
    public void Language_WithoutCultureData_IsTheTagsPrimarySubtag(string tag, string expected)
    {
        // Globalization-invariant mode: the lookup throws, or (predefined cultures off) answers with invariant data.
        Assert.Equal(expected, LuceneKnowledgeProvider.Language(tag, t => throw new CultureNotFoundException(nameof(tag), t, "invariant mode")));
        Assert.Equal(expected, LuceneKnowledgeProvider.Language(tag, t => new InvariantData(t)));
    }

    [Fact]
    public void Language_InvariantCulture_IsNothing()
    {
        Assert.Null(LuceneKnowledgeProvider.Language(" ", CultureInfo.GetCultureInfo));
        Assert.Null(LuceneKnowledgeProvider.Language("iv", _ => CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("sv-SE", "sv")]
    [InlineData("FI", "fi")]
    [InlineData("da_DK", "da")]
    [InlineData("../../x", null)]
    [InlineData("s1", null)]
    [InlineData("swe", null)]
    [InlineData("ä-SE", null)]
    public void PrimarySubtag_WithoutCultureData_NamesTheLanguageOrNothing(string tag, string? expected)
    {
        Assert.Equal(expected, LuceneKnowledgeProvider.PrimarySubtag(tag));
    }

    /// <summary>What invariant mode with predefined cultures off returns: the tag's name over the invariant culture's data.</summary>
    private sealed class InvariantData(string name) : CultureInfo("")
    {
        public override string Name => name;
    }
}
