namespace HelpWidget.Markdown.Tests;

public sealed class KnowledgeBaseLinterTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("hw-lint-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task LintAsync_ArticlesWithAreas_GivesArticlesAreasAndNoProblems()
    {
        WriteArea("basics", 5);

        var report = await Lint();

        Assert.Empty(report.Problems);
        Assert.False(report.HasErrors);
        Assert.Equal(10, report.Articles.Count);
        Assert.All(report.Articles, a => Assert.Equal("basics", a.Area));
        Assert.Equal(["basics/en/Basics", "basics/sv/Grunder"], report.Areas.Select(a => $"{a.Id}/{a.Language}/{a.Title}"));
    }

    [Fact]
    public async Task LintAsync_ArticleWithoutAreaInAFolderWithoutAreas_IsFine()
    {
        Write("en/a.md", "---\nid: a\n---\nBody");

        var report = await Lint();

        Assert.Empty(report.Problems);
        Assert.Null(Assert.Single(report.Articles).Area);
    }

    [Fact]
    public async Task LintAsync_AreaNamedWithoutAreasFile_IsAnErrorAtTheAreaLine()
    {
        Write("en/a.md", "---\nid: a\ntitle: A\narea: basics\n---\nBody");

        var problem = Assert.Single((await Lint()).Problems);

        Assert.Equal(("en/a.md", 4, ContentProblemCodes.UnknownArea), (problem.File, problem.Line, problem.Code));
        Assert.Contains("no areas file", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(26, 1)]
    [InlineData(5, 0)]
    [InlineData(25, 0)]
    public async Task LintAsync_AreaSize_WarnsOutsideFiveToTwentyFive(int count, int warnings)
    {
        WriteArea("basics", count);

        var report = await Lint();

        Assert.Equal(warnings * 2, report.Problems.Count(p => p.Code == ContentProblemCodes.AreaSize));
        Assert.All(report.Problems, p => Assert.Equal(ContentProblemSeverity.Warning, p.Severity));
    }

    [Fact]
    public async Task LintAsync_CustomAreaSizes_AreUsed()
    {
        WriteArea("basics", 5);

        var report = await KnowledgeBaseLinter.LintAsync(_root.FullName, new KnowledgeBaseLintOptions { MinArticlesPerArea = 10, MaxArticlesPerArea = 20 }, TestContext.Current.CancellationToken);

        Assert.Equal(2, report.Problems.Count(p => p.Code == ContentProblemCodes.AreaSize && p.Message.Contains("10 to 20", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task LintAsync_ImageInsideTheFolder_IsFoundWithEscapesQueriesAndParentFolders()
    {
        Write("images/my screen.png", "png");
        Write("en/a.md", "---\nid: a\n---\n![One](../images/my%20screen.png?v=2)\n\n<img alt=\"Two\" src=\"../images/my screen.png\">\n\n![Web](https://example.com/x.png) ![Site](/img/x.png)");

        Assert.Empty((await Lint()).Problems);
    }

    [Fact]
    public async Task LintAsync_SafeHtml_IsNotReported()
    {
        Write("en/a.md", "---\nid: a\n---\n<details><summary>More</summary>\n\nText with <kbd>Ctrl</kbd>+<kbd>C</kbd> and a <br> break.\n\n</details>\n\n[Mail](mailto:help@example.com) [Call](tel:+4612345) <https://example.com>\n\n<!-- a note for editors -->");

        Assert.Empty((await Lint()).Problems);
    }

    [Fact]
    public async Task LintAsync_MissingTranslation_NamesTheLanguagesOnTheIdLine()
    {
        Write("en/a.md", "---\ntitle: A\nid: a\n---\nBody");
        Write("sv/b.md", "---\nid: b\n---\nText");
        Write("fi/b.md", "---\nid: b\n---\nTeksti");

        var problems = (await Lint()).Problems.Where(p => p.Code == ContentProblemCodes.MissingTranslation).ToList();

        var a = Assert.Single(problems, p => p.File == "en/a.md");
        Assert.Equal(3, a.Line);
        Assert.Contains("no version in 'fi', 'sv'", a.Message, StringComparison.Ordinal);
        Assert.Contains(problems, p => p.File == "fi/b.md" && p.Message.Contains("no version in 'en'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LintAsync_MissingFolder_Throws() =>
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => KnowledgeBaseLinter.LintAsync(Path.Combine(_root.FullName, "nope"), cancellationToken: TestContext.Current.CancellationToken));

    [Theory]
    [InlineData("EN", 1024, 5, 25, "DefaultLanguage")]
    [InlineData("en", 10, 5, 25, "MaxArticleBytes")]
    [InlineData("en", 1024, 10, 5, "MaxArticlesPerArea")]
    public async Task LintAsync_OptionOutOfRange_ThrowsNamingIt(string language, int maxBytes, int min, int max, string name)
    {
        var options = new KnowledgeBaseLintOptions { DefaultLanguage = language, MaxArticleBytes = maxBytes, MinArticlesPerArea = min, MaxArticlesPerArea = max };

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => KnowledgeBaseLinter.LintAsync(_root.FullName, options, TestContext.Current.CancellationToken));

        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void ContentProblem_ToString_IsFileLineSeverityCodeMessage() =>
        Assert.Equal(
            "en/a.md:3: error HW2002: gone.",
            new ContentProblem { File = "en/a.md", Line = 3, Code = "HW2002", Severity = ContentProblemSeverity.Error, Message = "gone." }.ToString());

    private Task<KnowledgeBaseReport> Lint() => KnowledgeBaseLinter.LintAsync(_root.FullName, cancellationToken: TestContext.Current.CancellationToken);

    private void WriteArea(string area, int count)
    {
        Write("areas.yml", $"areas:\n  - id: {area}\n    title: {{ en: Basics, sv: Grunder }}\n");
        for (var i = 0; i < count; i++)
        {
            Write($"en/a{i}.md", $"---\nid: a{i}\narea: {area}\n---\nBody");
            Write($"sv/a{i}.md", $"---\nid: a{i}\narea: {area}\n---\nText");
        }
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
