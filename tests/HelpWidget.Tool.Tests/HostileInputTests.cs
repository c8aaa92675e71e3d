namespace HelpWidget.Tool.Tests;

public sealed class HostileInputTests
{
    [Fact]
    public async Task Lint_MissingFolder_SaysSoAndExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "hw-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var result = await ToolProcess.RunAsync("lint", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"The folder '{missing}' does not exist.", result.Error.Trim());
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Lint_FileInsteadOfFolder_SaysSoAndExitsTwo()
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", "areas.yml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'areas.yml' is a file; give the knowledge folder", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lint")]
    [InlineData("lint", ".", "--format", "xml")]
    [InlineData("lint", ".", "--no-such-option")]
    [InlineData("publish", ".")]
    [InlineData("new", ".")]
    public async Task AnyCommand_WrongCommandLine_ExplainsAndExitsTwo(params string[] args)
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run 'helpwidget --help'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_ControlCharactersInNamesAndFiles_AreShownEscapedNeverPrinted()
    {
        using var folder = KnowledgeFolder.Healthy();
        folder.Write("en/e\u001b[2Jvil.md", "---\nid: evil\ntitle: \"\u001b[31mred\u0007\"\narea: basics\nrelated: [nope]\n---\nText \u001b]0;owned\u0007 here.\n");

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".");

        Assert.Contains("./en/e\\u001B[2Jvil.md:5: error HW2002:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Output + result.Error);
        Assert.DoesNotContain('\u0007', result.Output + result.Error);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Lint_LinkToAFileOutsideTheFolder_IsNotFollowed()
    {
        using var folder = KnowledgeFolder.Healthy();
        var outside = Directory.CreateTempSubdirectory("hw-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "secret.md"), "---\nid: secret\nrelated: [leak]\n---\nSecret");
            File.CreateSymbolicLink(Path.Combine(folder.Path, "en", "secret.md"), Path.Combine(outside.FullName, "secret.md"));
            Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sv", "linked"), outside.FullName);

            var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".");

            Assert.Equal(["10 files, 10 articles, 1 areas: 0 errors, 0 warnings."], result.Lines);
            Assert.Equal(0, result.ExitCode);
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--language", "../../etc", "is not a language")]
    [InlineData("--language", "EN", "is not a language")]
    [InlineData("--id", "../../outside", "is not a valid id")]
    [InlineData("--id", "a/b", "is not a valid id")]
    [InlineData("--area", "../x", "is not defined in areas.yml")]
    public async Task New_PathTraversalInAnArgument_IsRefusedAndWritesNothing(string option, string value, string message)
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", "Harmless title", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(10, Directory.GetFiles(folder.Path, "*.md", SearchOption.AllDirectories).Length);
        var language = option == "--language" ? value : "en";
        var id = option == "--id" ? value : "harmless-title";
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(folder.Path, language, id + ".md"))));
    }

    [Theory]
    [InlineData("\u0001\u0002\u001b", "cannot be empty")]
    [InlineData("!!! ???", "No id can be made from this title")]
    [InlineData("日本語のタイトル", "No id can be made from this title")]
    public async Task New_TitleWithNothingUsable_ExplainsAndExitsTwo(string title, string message)
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", title);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_OversizeTitle_IsRefused()
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "new", ".", "--title", new string('a', 301));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The title is 301 characters long; keep it to 300", result.Error, StringComparison.Ordinal);
    }
}
