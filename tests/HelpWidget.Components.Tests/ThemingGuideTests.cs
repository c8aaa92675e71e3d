using System.Text.RegularExpressions;

namespace HelpWidget.Components.Tests;

/// <summary>The examples in docs/theming.md are the code that the tests compile and run.</summary>
public sealed partial class ThemingGuideTests
{
    private static readonly string s_root = RepositoryRoot();

    [Theory]
    [InlineData("razor", "ThemingExample.razor")]
    [InlineData("csharp", "HelpLauncherAppearanceTests.cs")]
    public void Example_IsTheCodeOfATest(string language, string source)
    {
        var guide = File.ReadAllText(Path.Combine(s_root, "docs", "theming.md"));
        var example = Regex.Match(guide, $"```{language}\\n(.*?)```", RegexOptions.Singleline);
        Assert.True(example.Success, $"docs/theming.md has no {language} example.");

        Assert.Contains(Normalise(example.Groups[1].Value), Normalise(File.ReadAllText(Path.Combine(s_root, "tests", "HelpWidget.Components.Tests", source))), StringComparison.Ordinal);
    }

    [Fact]
    public void Guide_ListsEveryCustomPropertyTheStylesRead()
    {
        var guide = File.ReadAllText(Path.Combine(s_root, "docs", "theming.md"));
        var documented = TableNamePattern().Matches(guide).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var used = Properties(Styles()).ToList();

        Assert.NotEmpty(used);
        Assert.Equal(used.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private static string Normalise(string code) => WhitespacePattern().Replace(code, " ").Trim();

    private static IEnumerable<string> Properties(string css) =>
        PropertyPattern().Matches(css).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    /// <summary>The scoped styles of the components on the page and the panel's stylesheet, loaded when it opens.</summary>
    private static string Styles()
    {
        var components = Path.Combine(s_root, "src", "HelpWidget.Components");
        return string.Concat(Directory.EnumerateFiles(components, "*.razor.css", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(components, "wwwroot"), "*.css"))
            .Select(File.ReadAllText));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No HelpWidget.sln above {AppContext.BaseDirectory}: these tests read the repository's docs and styles.");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex(@"^\| `(--hw-[a-z-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex(@"--hw-[a-z-]+")]
    private static partial Regex PropertyPattern();
}
