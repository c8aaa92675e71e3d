namespace HelpWidget.Markdown.Tests;

public sealed class AreaDefinitionsTests
{
    [Fact]
    public void Parse_AreasWithTitlesPerLanguage_GivesOneAreaPerLanguageInOrder()
    {
        var areas = AreaDefinitions.Parse("areas.yml", """
            areas:
              - id: pay
                order: 2
                title: { en: Pay and leave, sv: Lön och ledighet }
                description:
                  en: Expenses and time off.
              - id: devices
                order: 1
                title:
                  en: Devices
                  sv-SE: Enheter
            """, "en");

        Assert.Empty(areas.Problems);
        Assert.Equal(
            ["devices/en/Devices/1", "devices/sv/Enheter/1", "pay/en/Pay and leave/2", "pay/sv/Lön och ledighet/2"],
            areas.All.Select(a => $"{a.Id}/{a.Language}/{a.Title}/{a.Order}"));
        Assert.Equal("Expenses and time off.", areas.All.Single(a => a.Id == "pay" && a.Language == "en").Description);
        Assert.Equal(string.Empty, areas.All.Single(a => a.Id == "pay" && a.Language == "sv").Description);
    }

    [Fact]
    public void Parse_TitleAsPlainText_IsTheDefaultLanguagesAndOrderDefaultsToPosition()
    {
        var areas = AreaDefinitions.Parse("areas.yml", "areas:\n  - id: b\n    title: Second\n  - id: a\n    title: Third\n", "sv");

        Assert.Equal(["b/sv/1", "a/sv/2"], areas.All.Select(a => $"{a.Id}/{a.Language}/{a.Order}"));
    }

    [Theory]
    [InlineData("areas: [unclosed\n", 2, "not valid YAML")]
    [InlineData("- id: a\n  title: A\n", 1, "must have an 'areas:' list")]
    [InlineData("areas:\n  - id: ../up\n    title: Up\n", 2, "needs an 'id'")]
    [InlineData("areas:\n  - id: a\n    title: A\n  - id: A\n    title: Again\n", 4, "defined twice")]
    [InlineData("areas:\n  - id: a\n", 2, "has no title")]
    [InlineData("areas:\n  - id: a\n    order: first\n    title: A\n", 2, "must be a whole number")]
    [InlineData("areas:\n  - id: a\n    title: [A, B]\n", 3, "must be a map of language to text")]
    [InlineData("areas:\n  - just text\n", 2, "must be a map")]
    public void Parse_BrokenAreasFile_ReportsTheLineAndWhy(string text, int line, string message)
    {
        var areas = AreaDefinitions.Parse("areas.yml", text, "en");

        var problem = Assert.Single(areas.Problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(("areas.yml", line, ContentProblemCodes.AreasFile, ContentProblemSeverity.Error), (problem.File, problem.Line, problem.Code, problem.Severity));
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharactersAndOversizeTitles_AreCleanedAndCut()
    {
        var areas = AreaDefinitions.Parse("areas.yml", $"areas:\n  - id: a\n    title: \"A\\u001b[31m\\u0007 title\"\n  - id: b\n    title: {new string('x', 400)}\n", "en");

        Assert.Equal("A[31m title", areas.All.Single(a => a.Id == "a").Title);
        Assert.Equal(300, areas.All.Single(a => a.Id == "b").Title.Length);
    }
}
