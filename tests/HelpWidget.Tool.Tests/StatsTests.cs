using System.Text.Json;

namespace HelpWidget.Tool.Tests;

public sealed class StatsTests
{
    [Fact]
    public async Task Stats_Folder_PrintsArticlesPerAreaAndLanguage()
    {
        using var folder = KnowledgeFolder.Healthy();
        folder.Write("en/no-area.md", "---\nid: no-area\n---\nBody\n");

        var result = await ToolProcess.RunInAsync(folder.Path, "stats", ".");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                "area       title          en     sv",
                "basics     The basics      5      5",
                "total                      6      5",
            ],
            result.Lines.Where(l => !l.StartsWith("(no", StringComparison.Ordinal)).ToArray());
        Assert.Contains(result.Lines, l => l.StartsWith("(no area)", StringComparison.Ordinal) && l.EndsWith("1      0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stats_SampleKnowledgeBase_HasAreasOfTenToTwentyArticlesInBothLanguages()
    {
        var sample = Path.Combine(ToolProcess.RepoRoot, "samples", "HelpWidget.Samples.Intranet", "KnowledgeBase");

        var result = await ToolProcess.RunAsync("stats", sample, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var areas = json.RootElement.GetProperty("areas").EnumerateArray().ToList();
        Assert.InRange(areas.Count, 2, 10);
        foreach (var area in areas)
        {
            Assert.NotEqual(JsonValueKind.Null, area.GetProperty("id").ValueKind);
            var counts = area.GetProperty("articles");
            Assert.InRange(counts.GetProperty("en").GetInt32(), 10, 20);
            Assert.InRange(counts.GetProperty("sv").GetInt32(), 10, 20);
        }

        var total = json.RootElement.GetProperty("total");
        Assert.Equal(total.GetProperty("en").GetInt32(), areas.Sum(a => a.GetProperty("articles").GetProperty("en").GetInt32()));
        Assert.Equal(Directory.GetFiles(Path.Combine(sample, "sv"), "*.md").Length, total.GetProperty("sv").GetInt32());
    }
}
