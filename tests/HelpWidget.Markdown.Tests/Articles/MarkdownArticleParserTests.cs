namespace HelpWidget.Markdown.Tests;

public sealed class MarkdownArticleParserTests
{
    private const string Article = """
        ---
        id: password-reset
        title: Reset your password
        summary: Choose a new password yourself.
        tags: [password, login]
        contexts: [/profile, account]
        audience: [staff]
        language: en
        related: [account-lockout]
        unknown-key: ignored
        ---
        Open the **portal** and follow the steps.

        ## Steps
        1. Go to the portal.
        """;

    [Fact]
    public void Parse_FrontMatter_FillsEveryField()
    {
        var (article, error) = MarkdownArticleParser.Parse(Article, "en/password-reset.md", "en");

        Assert.Null(error);
        Assert.NotNull(article);
        Assert.Equal("password-reset", article.Id);
        Assert.Equal("Reset your password", article.Title);
        Assert.Equal("Choose a new password yourself.", article.Summary);
        Assert.Equal(["password", "login"], article.Tags);
        Assert.Equal(["/profile", "account"], article.Contexts);
        Assert.Equal(["staff"], article.Audiences);
        Assert.Equal(["account-lockout"], article.Related);
        Assert.Equal("en", article.Language);
        Assert.Contains("<strong>portal</strong>", article.Html, StringComparison.Ordinal);
        Assert.Contains("Open the portal and follow the steps.", article.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoFrontMatter_DerivesIdTitleAndLanguageFromPath()
    {
        var (article, _) = MarkdownArticleParser.Parse("# Printer help\n\nText.", "sv/Printer Help.md", "en");

        Assert.NotNull(article);
        Assert.Equal("printer-help", article.Id);
        Assert.Equal("Printer help", article.Title);
        Assert.Equal("sv", article.Language);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script")]
    [InlineData("<img src=x onerror=alert(1)>", "onerror")]
    [InlineData("[click](javascript:alert(1))", "javascript:")]
    [InlineData("<a href=\"https://example.com\" onclick=\"steal()\">x</a>", "onclick")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "<iframe")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>", "style=")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<script")]
    public void Parse_ScriptInBody_IsRemovedFromHtml(string body, string forbidden)
    {
        var (article, _) = MarkdownArticleParser.Parse($"---\nid: a\ntitle: T\n---\n{body}\n", "a.md", "en");

        Assert.NotNull(article);
        Assert.DoesNotContain(forbidden, article.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_ExternalLink_OpensInNewTabWithoutOpener()
    {
        var (article, _) = MarkdownArticleParser.Parse("[portal](https://password.example)", "a.md", "en");

        Assert.Contains("rel=\"noopener noreferrer\"", article!.Html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", article.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_ReportsLine()
    {
        var (article, error) = MarkdownArticleParser.Parse("---\ntitle: [unclosed\n---\nBody", "a.md", "en");

        Assert.Null(article);
        Assert.Contains("not valid YAML", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedFrontMatter_ReportsIt()
    {
        var (article, error) = MarkdownArticleParser.Parse("---\ntitle: x\nBody without end", "a.md", "en");

        Assert.Null(article);
        Assert.Contains("no closing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a b")]
    [InlineData("<script>")]
    [InlineData("-leading-dash")]
    public void Parse_UnsafeId_IsRejected(string id)
    {
        var (article, error) = MarkdownArticleParser.Parse($"---\nid: \"{id}\"\n---\nBody", "a.md", "en");

        Assert.Null(article);
        Assert.Contains("id must be", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharactersAndOversizeTitle_AreCleanedAndCut()
    {
        var title = "Bad\u0007title " + new string('x', 1000);
        var (article, _) = MarkdownArticleParser.Parse($"---\nid: a\ntitle: \"{title}\"\n---\nBody", "a.md", "en");

        Assert.NotNull(article);
        Assert.DoesNotContain('\u0007', article.Title);
        Assert.True(article.Title.Length <= MarkdownArticleParser.MaxTitleLength);
    }

    [Fact]
    public void Parse_TagsAsCommaSeparatedText_AreSplit()
    {
        var (article, _) = MarkdownArticleParser.Parse("---\nid: a\ntags: vpn, remote work ,  vpn\n---\nBody", "a.md", "en");

        Assert.Equal(["vpn", "remote work"], article!.Tags);
    }

    [Fact]
    public void Parse_DocFxMarkup_IsTolerated()
    {
        const string body = """
            > [!NOTE]
            > Restart Outlook after the change.

            :::image type="content" source="media/x.png" alt-text="Screenshot":::

            [!INCLUDE [banner](../includes/banner.md)]
            """;

        var (article, error) = MarkdownArticleParser.Parse("---\ntitle: Outlook\ndescription: Fix it.\nms.topic: troubleshooting\n---\n" + body, "outlook/fix-it.md", "en");

        Assert.Null(error);
        Assert.Equal("Fix it.", article!.Summary);
        Assert.Contains("Restart Outlook", article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sv-SE", "sv")]
    [InlineData("EN", "en")]
    [InlineData("nb_NO", "nb")]
    [InlineData("not a language", null)]
    [InlineData("", null)]
    public void PrimaryLanguage_NormalisesTags(string tag, string? expected) =>
        Assert.Equal(expected, MarkdownArticleParser.PrimaryLanguage(tag));
}
