using System.Text.Json;
using System.Text.RegularExpressions;

namespace HelpWidget.Tool.Tests;

/// <summary>The tool against 294 real troubleshooting articles (read from ../shared, never copied into the repository).</summary>
public sealed class RealContentTests(ITestOutputHelper output)
{
    private static readonly string s_kbOutlook = Path.GetFullPath(Path.Combine(ToolProcess.RepoRoot, "..", "shared", "data", "kb-outlook"));

    [Fact]
    public async Task Lint_KbOutlook_ReportsRealProblemsAtTheirLinesWithoutCrashing()
    {
        Assert.True(Directory.Exists(s_kbOutlook), $"The shared data set is missing at '{s_kbOutlook}' (../shared/data/kb-outlook beside the repository).");

        var result = await ToolProcess.RunAsync("lint", s_kbOutlook, "--format", "json");

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        Assert.Empty(result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(294, root.GetProperty("files").GetInt32());
        var problems = root.GetProperty("problems").EnumerateArray().ToList();
        output.WriteLine($"kb-outlook: {root.GetProperty("articles").GetInt32()} articles, {root.GetProperty("errors").GetInt32()} errors, {root.GetProperty("warnings").GetInt32()} warnings");
        foreach (var group in problems.GroupBy(p => p.GetProperty("code").GetString()))
        {
            output.WriteLine($"  {group.Key}: {group.Count()}");
        }

        Assert.Equal(root.GetProperty("errors").GetInt32() > 0 ? 1 : 0, result.ExitCode);
        foreach (var problem in problems)
        {
            var file = problem.GetProperty("file").GetString()!;
            var line = problem.GetProperty("line").GetInt32();
            var lines = File.ReadAllLines(Path.Combine(s_kbOutlook, file));
            Assert.InRange(line, 1, lines.Length);
            Assert.Matches("^HW[0-9]{4}$", problem.GetProperty("code").GetString());
            var message = problem.GetProperty("message").GetString()!;
            if (problem.GetProperty("code").GetString() == "HW1010")
            {
                // Checked independently of the linter: the image named is on the line given and is not on disk.
                var image = Regex.Match(message, "^the image '([^']+)'").Groups[1].Value;
                Assert.Contains(image, lines[line - 1], StringComparison.Ordinal);
                Assert.False(File.Exists(Path.Combine(s_kbOutlook, Path.GetDirectoryName(file)!, image)), message);
            }
        }
    }
}
