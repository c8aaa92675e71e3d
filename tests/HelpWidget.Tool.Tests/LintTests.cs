using System.Text.Json;

namespace HelpWidget.Tool.Tests;

public sealed class LintTests
{
    /// <summary>Each kind of problem found in an article, in a file added to a healthy folder: what to write, and the line the tool must print for it.</summary>
    private static readonly (string File, string Content, string Expected)[] s_articleProblems =
    [
        ("en/unclosed.md", "---\nid: unclosed\ntitle: Unclosed\n", "./en/unclosed.md:1: error HW1001:"),
        ("en/bad-yaml.md", "---\nid: bad-yaml\ntitle: a: b\n---\nBody\n", "./en/bad-yaml.md:3: error HW1001:"),
        ("en/bad-id.md", "---\ntitle: Bad id\nid: ../../etc/passwd\n---\nBody\n", "./en/bad-id.md:3: error HW1001:"),
        ("en/shape.md", "---\nid: shape\ntitle:\n  en: A map\nlanguage: en\narea: basics\n---\nBody\n", "./en/shape.md:3: warning HW1004:"),
        ("en/missing-image.md", "---\nid: missing-image\nlanguage: en\narea: basics\n---\nFirst line.\n\n![Missing](images/missing.png)\n", "./en/missing-image.md:8: error HW1010:"),
        ("en/html-image.md", "---\nid: html-image\narea: basics\n---\n<p>\n<img src=\"images/gone.png\" alt=\"Gone\">\n</p>\n", "./en/html-image.md:5: error HW1010:"),
        ("en/outside.md", "---\nid: outside\narea: basics\n---\nSee ![x](../../../../etc/passwd.png) here.\n", "./en/outside.md:5: error HW1011:"),
        ("en/script.md", "---\nid: script\narea: basics\n---\nText.\n\n<script>alert(1)</script>\n", "./en/script.md:7: error HW1020:"),
        ("en/onclick.md", "---\nid: onclick\narea: basics\n---\nA <span onclick=\"steal()\">button</span> here.\n", "./en/onclick.md:5: error HW1020:"),
        ("en/js-link.md", "---\nid: js-link\narea: basics\n---\nLine one.\nClick [here](javascript:alert(1)).\n", "./en/js-link.md:6: error HW1020:"),
        ("en/zz-duplicate.md", "---\ntitle: Copy\nid: article-1\narea: basics\n---\nBody\n", "./en/zz-duplicate.md:3: error HW2001:"),
        ("en/related.md", "---\nid: related\narea: basics\ntitle: R\nrelated: [article-1, no-such-article]\n---\nBody\n", "./en/related.md:5: error HW2002:"),
        ("en/only-english.md", "---\narea: basics\nid: only-english\n---\nBody\n", "./en/only-english.md:3: warning HW2003:"),
        ("en/unknown-area.md", "---\nid: unknown-area\ntitle: U\narea: nowhere\n---\nBody\n", "./en/unknown-area.md:4: error HW3003:"),
        ("en/no-area.md", "---\nid: no-area\n---\nBody\n", "./en/no-area.md:1: warning HW3005:"),
        ("en/huge.md", "---\nid: huge\narea: basics\n---\n" + new string('x', (1024 * 1024) + 10), "./en/huge.md:1: error HW1002: it is larger than MaxArticleBytes (1048576 bytes)"),
    ];

    /// <summary>Problems of the areas file, each in a folder of its own: the file's text, the line the tool must print, and the exit code.</summary>
    public static TheoryData<string, string, int> AreasProblems => new()
    {
        { "areas:\n  - id: basics\n    title: { en: Basics, sv: Grunder }\n  - title: { en: No id }\n", "./areas.yml:4: error HW3001:", 1 },
        { "areas:\n  - id: basics\n    title: { en: Basics }\n", "./areas.yml:2: warning HW3002:", 0 },
        { "areas: [unclosed\n", "./areas.yml:2: error HW3001: the areas file is not valid YAML", 1 },
    };

    [Fact]
    public async Task Lint_HealthyFolder_PassesWithExitZero()
    {
        using var folder = KnowledgeFolder.Healthy();

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["10 files, 10 articles, 1 areas: 0 errors, 0 warnings."], result.Lines);
    }

    [Fact]
    public async Task Lint_FolderWithEveryKindOfArticleProblem_PrintsEachWithFileAndLine()
    {
        using var folder = KnowledgeFolder.Healthy();
        foreach (var (file, content, _) in s_articleProblems)
        {
            folder.Write(file, content);
        }

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".");

        var missing = s_articleProblems.Where(p => !result.Lines.Any(line => line.StartsWith(p.Expected, StringComparison.Ordinal))).Select(p => p.Expected).ToList();
        Assert.True(missing.Count == 0, $"Not printed: {string.Join(" | ", missing)}\n{result}");
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Lint_OnlyWarnings_ExitsZero()
    {
        using var folder = KnowledgeFolder.Healthy();
        folder.Write("en/no-area.md", "---\nid: no-area\n---\nBody\n");

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".");

        Assert.Contains(result.Lines, line => line.StartsWith("./en/no-area.md:1: warning HW3005:", StringComparison.Ordinal));
        Assert.Contains(result.Lines, line => line.StartsWith("./en/no-area.md:2: warning HW2003: the article 'no-area' has no version in 'sv'", StringComparison.Ordinal));
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(AreasProblems))]
    public async Task Lint_AreasFileWithAProblem_PrintsItWithLine(string areas, string expected, int exitCode)
    {
        using var folder = KnowledgeFolder.Healthy();
        folder.Write("areas.yml", areas);

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".");

        Assert.True(result.Lines.Any(line => line.StartsWith(expected, StringComparison.Ordinal)), $"Expected a line starting '{expected}'.\n{result}");
        Assert.True(result.ExitCode == exitCode, result.ToString());
    }

    [Fact]
    public async Task Lint_AreaOutsideTheAdvisedSize_WarnsAtTheAreaAndFailsOnlyWithWarningsAsErrors()
    {
        using var folder = KnowledgeFolder.Healthy();
        folder.Write("areas.yml", KnowledgeFolder.AreasFile + "\n  - id: tiny\n    title: { en: Tiny, sv: Liten }\n");
        folder.Write("en/tiny.md", "---\nid: tiny\narea: tiny\n---\nBody\n");
        folder.Write("sv/tiny.md", "---\nid: tiny\narea: tiny\n---\nText\n");

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".");
        var strict = await ToolProcess.RunInAsync(folder.Path, "lint", ".", "--warnings-as-errors");

        Assert.Contains("./areas.yml:10: warning HW3004: the area 'tiny' has 1 articles in 'en'; areas work best with 5 to 25", result.Output, StringComparison.Ordinal);
        Assert.Contains("./areas.yml:10: warning HW3004: the area 'tiny' has 1 articles in 'sv'", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, strict.ExitCode);
    }

    [Fact]
    public async Task Lint_JsonFormat_GivesEveryProblemWithFileLineAndCode()
    {
        using var folder = KnowledgeFolder.Healthy();
        folder.Write("en/related.md", "---\nid: related\narea: basics\nrelated: [gone]\n---\nBody\n");

        var result = await ToolProcess.RunInAsync(folder.Path, "lint", ".", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(11, root.GetProperty("files").GetInt32());
        Assert.Equal(1, root.GetProperty("errors").GetInt32());
        var problems = root.GetProperty("problems").EnumerateArray().ToList();
        var related = Assert.Single(problems, p => p.GetProperty("code").GetString() == "HW2002");
        Assert.Equal("en/related.md", related.GetProperty("file").GetString());
        Assert.Equal(4, related.GetProperty("line").GetInt32());
        Assert.Equal("error", related.GetProperty("severity").GetString());
        Assert.Contains("'gone'", related.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Lint_SampleKnowledgeBase_HasNoProblems()
    {
        var sample = Path.Combine(ToolProcess.RepoRoot, "samples", "HelpWidget.Samples.Intranet", "KnowledgeBase");

        var result = await ToolProcess.RunAsync("lint", sample, "--warnings-as-errors");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.EndsWith("0 errors, 0 warnings.", result.Lines[^1], StringComparison.Ordinal);
    }
}
