using System.Globalization;

namespace HelpWidget.Components.Tests;

/// <summary>
/// The article's "not yet available in your language" notice names the article's language. A globalization-invariant
/// process (many container images) has no culture data: the lookup throws, or (with predefined cultures turned off)
/// answers with the invariant culture's data; the notice then names the language by its tag.
/// </summary>
public sealed class ArticleLanguageNameTests
{
    [Fact]
    public void LanguageName_LookupThrows_IsTheTag()
    {
        var name = HelpArticleView.LanguageName("sv", tag => throw new CultureNotFoundException(nameof(tag), tag, "Only the invariant culture is supported in globalization-invariant mode."));

        Assert.Equal("sv", name);
    }

    [Fact]
    public void LanguageName_InvariantCultureData_IsTheTagNotTheInvariantLanguage()
    {
        Assert.Equal("sv", HelpArticleView.LanguageName("sv", _ => CultureInfo.InvariantCulture));
        Assert.Equal("sv", HelpArticleView.LanguageName("sv", tag => new InvariantData(tag)));
    }

    [Fact]
    public void LanguageName_KnownCulture_IsItsDisplayName()
    {
        var name = HelpArticleView.LanguageName("sv", CultureInfo.GetCultureInfo);

        Assert.Equal(CultureInfo.GetCultureInfo("sv").DisplayName, name);
        Assert.NotEqual("sv", name);
    }

    /// <summary>What invariant mode with predefined cultures off returns: the tag's name over the invariant culture's data.</summary>
    private sealed class InvariantData(string name) : CultureInfo("")
    {
        public override string Name => name;
    }
}
