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
}
