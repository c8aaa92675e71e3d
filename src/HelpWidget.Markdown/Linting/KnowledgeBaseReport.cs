namespace HelpWidget.Markdown;

/// <summary>What <see cref="KnowledgeBaseLinter"/> found in a knowledge folder: the articles and areas the app would serve, and the problems.</summary>
public sealed class KnowledgeBaseReport
{
    /// <summary>Gets the full path of the folder that was read.</summary>
    public required string Folder { get; init; }

    /// <summary>Gets the number of Markdown files found, including those left out.</summary>
    public required int FileCount { get; init; }

    /// <summary>Gets the articles the app serves, in every language (files with errors in their front matter and duplicates are left out).</summary>
    public required IReadOnlyList<HelpArticle> Articles { get; init; }

    /// <summary>Gets the areas defined beside the articles, in every language, ordered by order, id and language; empty when there is no areas file.</summary>
    public required IReadOnlyList<HelpArea> Areas { get; init; }

    /// <summary>Gets the problems, ordered by file, line and code.</summary>
    public required IReadOnlyList<ContentProblem> Problems { get; init; }

    /// <summary>Gets a value indicating whether any problem is an <see cref="ContentProblemSeverity.Error"/>.</summary>
    public bool HasErrors => Problems.Any(p => p.Severity == ContentProblemSeverity.Error);
}
