using System.Text.RegularExpressions;

namespace HelpWidget.Packaging.Tests;

/// <summary>
/// Code in the guides compiles: every C# or Razor block in the README, <c>docs/</c> and the package READMEs names, in a
/// <c>&lt;!-- compiled: path --&gt;</c> comment above it, a file the build compiles, and that file holds the block's lines in order.
/// </summary>
public sealed partial class DocsSnippetTests
{
    public static TheoryData<string> Documents()
    {
        var root = RepositoryRoot();
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md")
            .Append(Path.Combine(root, "README.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "src"), "README.md", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void CodeBlocks_AreCompiledCode(string document)
    {
        var root = RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, document)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var problems = new List<string>();
        foreach (Match block in CodeBlock().Matches(text))
        {
            var language = block.Groups["language"].Value;
            if (language is not ("csharp" or "cs" or "razor" or "cshtml"))
            {
                continue;
            }

            var line = text[..block.Index].Count(c => c == '\n') + 1;
            if (!block.Groups["source"].Success)
            {
                problems.Add($"line {line}: a {language} block without a '<!-- compiled: path -->' comment naming the file that compiles it.");
                continue;
            }

            var source = Path.Combine(root, block.Groups["source"].Value.Trim());
            if (!File.Exists(source))
            {
                problems.Add($"line {line}: '{block.Groups["source"].Value.Trim()}' does not exist.");
                continue;
            }

            var missing = FirstMissingLine(block.Groups["code"].Value, File.ReadAllText(source));
            if (missing is not null)
            {
                problems.Add($"line {line}: '{missing}' is not in {block.Groups["source"].Value.Trim()} (in this order).");
            }
        }

        Assert.True(problems.Count == 0, $"{document}:\n" + string.Join('\n', problems));
    }

    /// <summary>Finds the first line of the block (trimmed, blank lines and '...' elisions skipped) not found after the previous one.</summary>
    private static string? FirstMissingLine(string code, string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).ToArray();
        var at = 0;
        foreach (var wanted in code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "..." && l != "// ..." && l != "@* ... *@"))
        {
            var found = Array.IndexOf(lines, wanted, at);
            if (found < 0)
            {
                return wanted;
            }

            at = found + 1;
        }

        return null;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HelpWidget.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"(?:<!--\s*compiled:\s*(?<source>[^>]+?)\s*-->\s*\n)?^```(?<language>[a-z]*)\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
