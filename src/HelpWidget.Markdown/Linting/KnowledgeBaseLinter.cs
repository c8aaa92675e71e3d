namespace HelpWidget.Markdown;

/// <summary>
/// Checks a knowledge folder of Markdown articles (and its <c>areas.yml</c>) the way the app reads it: the app's
/// Markdown source runs the same checks when it loads the folder and logs each problem (as a warning when content
/// is left out, otherwise as information), and the
/// <c>helpwidget lint</c> tool prints them, so the two never disagree. <see cref="ContentProblemCodes"/> lists what is checked.
/// </summary>
public static class KnowledgeBaseLinter
{
    /// <summary>Reads every Markdown file below <paramref name="folder"/> and the areas file beside them, and checks them.</summary>
    /// <param name="folder">The knowledge folder, absolute or relative to the current directory.</param>
    /// <param name="options">The settings; <see langword="null"/> uses the app's defaults.</param>
    /// <param name="cancellationToken">A token that cancels the check.</param>
    /// <returns>The articles, areas and problems. Links (symbolic links) are not followed, so nothing outside the folder is read.</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty, or an option is out of range.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="folder"/> does not exist.</exception>
    public static Task<KnowledgeBaseReport> LintAsync(string folder, KnowledgeBaseLintOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        options ??= new KnowledgeBaseLintOptions();
        options.Validate();
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The knowledge folder '{root}' does not exist.");
        }

        return new KnowledgeBaseReader(options).ReadAsync(root, cancellationToken);
    }
}
