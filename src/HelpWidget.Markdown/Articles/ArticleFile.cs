namespace HelpWidget.Markdown;

/// <summary>What one Markdown file gave: its article (unless it is left out), its own problems, and what folder-wide checks need.</summary>
internal sealed class ArticleFile(string relativePath)
{
    public string RelativePath { get; } = relativePath;

    public HelpArticle? Article { get; set; }

    public List<ContentProblem> Problems { get; } = [];

    /// <summary>Gets or sets the file line of each top-level front matter key, for problems about a field.</summary>
    public Dictionary<string, int> KeyLines { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the images the article shows through a path relative to its file, with their lines, for the folder to check.</summary>
    public List<(string Path, int Line)> LocalImages { get; } = [];

    public int LineOf(string key) => KeyLines.TryGetValue(key, out var line) ? line : 1;

    public void Add(int line, string code, ContentProblemSeverity severity, string message) =>
        Problems.Add(new ContentProblem { File = RelativePath, Line = Math.Max(1, line), Code = code, Severity = severity, Message = message });
}
