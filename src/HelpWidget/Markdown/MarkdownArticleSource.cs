using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown;

/// <summary>Reads the Markdown files of <see cref="HelpWidgetOptions.ArticlesPath"/>.</summary>
internal sealed class MarkdownArticleSource(
    IOptions<HelpWidgetOptions> options,
    ILogger<MarkdownArticleSource> logger,
    IHostEnvironment? environment = null) : IArticleSource
{
    private static readonly EnumerationOptions s_enumeration = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        // Links are skipped so that no file outside the articles folder is ever read.
        AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
    };

    public string RootPath => Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? AppContext.BaseDirectory, options.Value.ArticlesPath));

    public async Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default)
    {
        var root = RootPath;
        if (!Directory.Exists(root))
        {
            Log.ArticlesFolderMissing(logger, root);
            return [];
        }

        var stopwatch = Stopwatch.StartNew();
        var settings = options.Value;
        var articles = new List<HelpArticle>();
        var seen = new HashSet<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(root, "*.md", s_enumeration).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var info = new FileInfo(file);
            if (info.Length > settings.MaxArticleBytes)
            {
                Log.ArticleSkipped(logger, relative, $"it is larger than MaxArticleBytes ({settings.MaxArticleBytes} bytes).");
                continue;
            }

            var text = await File.ReadAllTextAsync(file, cancellationToken);
            var (article, error) = MarkdownArticleParser.Parse(text, relative, settings.DefaultLanguage);
            if (article is null)
            {
                Log.ArticleSkipped(logger, relative, error ?? "unknown error.");
                continue;
            }

            if (!seen.Add((article.Id, article.Language)))
            {
                Log.DuplicateArticle(logger, article.Id, article.Language, relative);
                continue;
            }

            articles.Add(article);
        }

        Log.ArticlesLoaded(logger, articles.Count, root, stopwatch.ElapsedMilliseconds);
        return articles;
    }
}
