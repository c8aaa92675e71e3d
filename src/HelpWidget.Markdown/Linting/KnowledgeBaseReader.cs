using System.Collections.Concurrent;
using System.Globalization;

namespace HelpWidget.Markdown;

/// <summary>
/// Reads a knowledge folder into articles, areas and problems; the app's article source keeps one to re-parse only
/// changed files, the linter makes a new one for each run. Both therefore find exactly the same problems.
/// </summary>
internal sealed class KnowledgeBaseReader(KnowledgeBaseLintOptions options)
{
    private static readonly EnumerationOptions s_enumeration = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        // Links are skipped so that no file outside the articles folder is ever read.
        AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
    };

    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, ArticleFile File)> _parsed = new(StringComparer.Ordinal);

    public KnowledgeBaseLintOptions Options { get; } = options;

    public async Task<KnowledgeBaseReport> ReadAsync(string root, CancellationToken cancellationToken)
    {
        var problems = new List<ContentProblem>();
        var files = new List<ArticleFile>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        var fileCount = 0;
        foreach (var path in Directory.EnumerateFiles(root, "*.md", s_enumeration).Order(StringComparer.Ordinal))
        {
            fileCount++;
            present.Add(path);
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var info = new FileInfo(path);
            if (info.Length > Options.MaxArticleBytes)
            {
                problems.Add(Problem(relative, 1, ContentProblemCodes.FileTooLarge, ContentProblemSeverity.Error, string.Create(CultureInfo.InvariantCulture, $"it is larger than MaxArticleBytes ({Options.MaxArticleBytes} bytes); the article is left out. Split it into smaller articles.")));
                continue;
            }

            var file = await ParseAsync(path, relative, info, cancellationToken);
            problems.AddRange(file.Problems);
            CheckImages(root, file, problems);
            if (file.Article is not null)
            {
                files.Add(file);
            }
        }

        foreach (var gone in _parsed.Keys.Where(path => !present.Contains(path)).ToList())
        {
            _parsed.TryRemove(gone, out _);
        }

        var kept = RemoveDuplicates(files, problems);
        var areas = await AreaDefinitions.ReadAsync(root, Options.DefaultLanguage, Options.MaxArticleBytes, cancellationToken);
        problems.AddRange(areas.Problems);
        CheckRelated(kept, problems);
        CheckTranslations(kept, problems);
        CheckAreas(kept, areas, problems);
        return new KnowledgeBaseReport
        {
            Folder = root,
            FileCount = fileCount,
            Articles = [.. kept.Select(f => f.Article!)],
            Areas = areas.All,
            Problems = [.. problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Code, StringComparer.Ordinal)],
        };
    }

    private async Task<ArticleFile> ParseAsync(string path, string relative, FileInfo info, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue(path, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return cached.File;
        }

        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            var file = MarkdownArticleParser.ParseFile(text, relative, Options.DefaultLanguage, inspect: true);
            _parsed[path] = (info.LastWriteTimeUtc, info.Length, file);
            return file;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The file is being written or was removed meanwhile; the change that follows brings it back.
            var file = new ArticleFile(relative);
            file.Add(1, ContentProblemCodes.Unreadable, ContentProblemSeverity.Error, $"it could not be read ({ex.Message}); the article is left out.");
            return file;
        }
    }

    private static void CheckImages(string root, ArticleFile file, List<ContentProblem> problems)
    {
        var directory = Path.GetDirectoryName(Path.Combine(root, file.RelativePath))!;
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        foreach (var (image, line) in file.LocalImages)
        {
            string full;
            try
            {
                full = Path.GetFullPath(Path.Combine(directory, image.Replace('\\', '/')));
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                problems.Add(Problem(file.RelativePath, line, ContentProblemCodes.MissingImage, ContentProblemSeverity.Error, $"the image '{image}' is not a valid path."));
                continue;
            }

            if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            {
                problems.Add(Problem(file.RelativePath, line, ContentProblemCodes.OutsideFolder, ContentProblemSeverity.Error, $"the image '{image}' is outside the knowledge folder, which is all the app publishes; put the image inside it."));
            }
            else if (!File.Exists(full))
            {
                problems.Add(Problem(file.RelativePath, line, ContentProblemCodes.MissingImage, ContentProblemSeverity.Error, $"the image '{image}' does not exist (looked for '{Path.GetRelativePath(root, full).Replace('\\', '/')}')."));
            }
        }
    }

    private static List<ArticleFile> RemoveDuplicates(List<ArticleFile> files, List<ContentProblem> problems)
    {
        var first = new Dictionary<(string, string), ArticleFile>();
        var kept = new List<ArticleFile>(files.Count);
        foreach (var file in files)
        {
            var article = file.Article!;
            if (first.TryGetValue((article.Id, article.Language), out var earlier))
            {
                problems.Add(Problem(file.RelativePath, file.LineOf("id"), ContentProblemCodes.DuplicateId, ContentProblemSeverity.Error, $"the article id '{article.Id}' in language '{article.Language}' is defined twice (first in '{earlier.RelativePath}'); this file is left out. Give it its own id."));
                continue;
            }

            first[(article.Id, article.Language)] = file;
            kept.Add(file);
        }

        return kept;
    }

    private static void CheckRelated(List<ArticleFile> files, List<ContentProblem> problems)
    {
        var ids = files.Select(f => f.Article!.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var missing = file.Article!.Related.Where(id => !ids.Contains(id)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(Problem(file.RelativePath, file.LineOf("related"), ContentProblemCodes.UnknownRelated, ContentProblemSeverity.Error, $"'related' names {Quote(missing)}, which no article has as its id."));
            }
        }
    }

    private static void CheckTranslations(List<ArticleFile> files, List<ContentProblem> problems)
    {
        var languages = files.Select(f => f.Article!.Language).Distinct().Order(StringComparer.Ordinal).ToList();
        if (languages.Count < 2)
        {
            return;
        }

        foreach (var group in files.GroupBy(f => f.Article!.Id, StringComparer.Ordinal))
        {
            var has = group.Select(f => f.Article!.Language).ToHashSet(StringComparer.Ordinal);
            var missing = languages.Where(language => !has.Contains(language)).ToList();
            if (missing.Count > 0)
            {
                var file = group.First();
                problems.Add(Problem(file.RelativePath, file.LineOf("id"), ContentProblemCodes.MissingTranslation, ContentProblemSeverity.Warning, $"the article '{group.Key}' has no version in {Quote(missing)}, though the folder has articles in {Quote(languages)}."));
            }
        }
    }

    private void CheckAreas(List<ArticleFile> files, AreaDefinitions areas, List<ContentProblem> problems)
    {
        foreach (var file in files)
        {
            var article = file.Article!;
            if (article.Area is null)
            {
                if (areas.File is not null)
                {
                    problems.Add(Problem(file.RelativePath, 1, ContentProblemCodes.NoArea, ContentProblemSeverity.Warning, $"the article names no area, so it cannot be found by browsing; add 'area:' with one of {Quote([.. areas.Areas.Keys.Order(StringComparer.Ordinal)])}."));
                }
            }
            else if (!areas.Areas.ContainsKey(article.Area))
            {
                problems.Add(Problem(file.RelativePath, file.LineOf("area"), ContentProblemCodes.UnknownArea, ContentProblemSeverity.Error, areas.File is null
                    ? $"the area '{article.Area}' is not defined: the folder has no areas file ({AreaDefinitions.FileNames[0]})."
                    : $"the area '{article.Area}' is not defined in '{areas.File}'; known areas are {Quote([.. areas.Areas.Keys.Order(StringComparer.Ordinal)])}."));
            }
        }

        if (areas.File is null)
        {
            return;
        }

        var languages = files.Select(f => f.Article!.Language).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var (id, (line, titles)) in areas.Areas.OrderBy(a => a.Value.Line))
        {
            foreach (var language in languages)
            {
                if (!titles.Any(t => t.Language == language))
                {
                    problems.Add(Problem(areas.File, line, ContentProblemCodes.AreaTitleMissing, ContentProblemSeverity.Warning, $"the area '{id}' has no title in '{language}', so it is not offered to readers of that language."));
                }

                var count = files.Count(f => f.Article!.Language == language && string.Equals(f.Article.Area, id, StringComparison.OrdinalIgnoreCase));
                if (count < Options.MinArticlesPerArea || count > Options.MaxArticlesPerArea)
                {
                    problems.Add(Problem(areas.File, line, ContentProblemCodes.AreaSize, ContentProblemSeverity.Warning, string.Create(CultureInfo.InvariantCulture, $"the area '{id}' has {count} articles in '{language}'; areas work best with {Options.MinArticlesPerArea} to {Options.MaxArticlesPerArea}, so {(count < Options.MinArticlesPerArea ? "merge it with another or write more" : "split it")}.")));
                }
            }
        }
    }

    private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static ContentProblem Problem(string file, int line, string code, ContentProblemSeverity severity, string message) =>
        new() { File = file, Line = Math.Max(1, line), Code = code, Severity = severity, Message = message };
}
