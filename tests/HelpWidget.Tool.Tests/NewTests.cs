using HelpWidget.Markdown;

namespace HelpWidget.Tool.Tests;

public sealed class NewTests
{
    [Fact]
    public async Task New_Title_WritesASkeletonWhoseFrontMatterGivesTheTitleBack()
    {
        using var folder = KnowledgeFolder.Healthy();
        const string Title = "Reset your password: quick & \"safe\" # now --- [really] {ok}";

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", Title, "--area", "basics");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Wrote ./en/reset-your-password-quick-safe-now-really-ok.md (id 'reset-your-password-quick-safe-now-really-ok'). Fill in the summary, tags and steps, then run 'helpwidget lint'.", result.Output.Trim());
        var report = await KnowledgeBaseLinter.LintAsync(folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        var article = Assert.Single(report.Articles, a => a.Id == "reset-your-password-quick-safe-now-really-ok");
        Assert.Equal(Title, article.Title);
        Assert.Equal("en", article.Language);
        Assert.Equal("basics", article.Area);
        Assert.DoesNotContain(report.Problems, p => p.Severity == ContentProblemSeverity.Error);
    }

    [Fact]
    public async Task New_SwedishTitle_MakesAnIdWithoutAccentsInTheLanguageFolder()
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", "Återställ lösenordet när du är på resa", "--language", "sv");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(Path.Combine(folder.Path, "sv", "aterstall-losenordet-nar-du-ar-pa-resa.md"));
        Assert.StartsWith("---\nid: aterstall-losenordet-nar-du-ar-pa-resa\ntitle: \"Återställ lösenordet när du är på resa\"\n", text, StringComparison.Ordinal);
        Assert.Contains("\nlanguage: sv\n", text, StringComparison.Ordinal);
        Assert.Contains("\n# area: one of basics\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_ControlCharactersAndLineBreaksInTitle_AreLeftOut()
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", "Line one\n---\nid: hijack\u001b[31m", "--id", "line-one");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = await KnowledgeBaseLinter.LintAsync(folder.Path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Line one --- id: hijack[31m", Assert.Single(report.Articles, a => a.Id == "line-one").Title);
        Assert.DoesNotContain(report.Articles, a => a.Id == "hijack");
    }

    [Fact]
    public async Task New_FileExists_RefusesAndLeavesItUnchanged()
    {
        using var folder = KnowledgeFolder.Healthy();
        var path = Path.Combine(folder.Path, "en", "article-1.md");
        var before = File.ReadAllText(path);

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", "Article 1");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("An article with the id 'article-1' already exists in 'en'; nothing was written.", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task New_IdUsedByAnotherFile_Refuses()
    {
        using var folder = KnowledgeFolder.Healthy();
        folder.Write("en/some-other-name.md", "---\nid: my-topic\narea: basics\n---\nBody\n");

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", "My topic");

        Assert.Equal(3, result.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder.Path, "en", "my-topic.md")));
    }

    [Fact]
    public async Task New_FileWithTheNameButAnotherId_IsNotOverwritten()
    {
        using var folder = KnowledgeFolder.Healthy();
        var path = folder.Write("en/my-topic.md", "---\nid: something-else\narea: basics\n---\nKeep me\n");

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", "My topic");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("already exists; nothing was written", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("Keep me\n", File.ReadAllText(path), StringComparison.Ordinal);
    }
}
