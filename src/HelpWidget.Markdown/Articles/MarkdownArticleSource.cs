using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown;

/// <summary>
/// Reads the Markdown files of <see cref="MarkdownContentOptions.ArticlesPath"/>, re-parsing only files that changed,
/// and reports changes to the folder while the app runs.
/// </summary>
internal sealed class MarkdownArticleSource : IArticleSource, IDisposable
{
    /// <summary>Editors and sync tools write a file in several steps; one reload follows a burst of changes.</summary>
    internal static readonly TimeSpan ChangeQuietPeriod = TimeSpan.FromMilliseconds(150);

    private static readonly EnumerationOptions s_enumeration = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        // Links are skipped so that no file outside the articles folder is ever read.
        AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
    };

    private readonly IOptions<MarkdownContentOptions> _options;
    private readonly ILogger<MarkdownArticleSource> _logger;
    private readonly IHostEnvironment? _environment;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, HelpArticle? Article, string? Error)> _parsed = new(StringComparer.Ordinal);
    private readonly Lock _watchLock = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _quietTimer;

    public MarkdownArticleSource(IOptions<MarkdownContentOptions> options, ILogger<MarkdownArticleSource> logger, IHostEnvironment? environment = null, TimeProvider? time = null)
    {
        _options = options;
        _logger = logger;
        _environment = environment;
        _time = time ?? TimeProvider.System;
    }

    public event EventHandler? ArticlesChanged;

    public string RootPath => Path.GetFullPath(Path.Combine(_environment?.ContentRootPath ?? AppContext.BaseDirectory, _options.Value.ArticlesPath));

    public async Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default)
    {
        var root = RootPath;
        if (!Directory.Exists(root))
        {
            Log.ArticlesFolderMissing(_logger, root);
            return [];
        }

        StartWatching(root);
        var stopwatch = Stopwatch.StartNew();
        var settings = _options.Value;
        var articles = new List<HelpArticle>();
        var seen = new HashSet<(string, string)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*.md", s_enumeration).Order(StringComparer.Ordinal))
        {
            present.Add(file);
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var info = new FileInfo(file);
            if (info.Length > settings.MaxArticleBytes)
            {
                Log.ArticleSkipped(_logger, relative, $"it is larger than MaxArticleBytes ({settings.MaxArticleBytes} bytes).");
                continue;
            }

            var (article, error) = await ParseAsync(file, relative, info, settings.DefaultLanguage, cancellationToken);
            if (article is null)
            {
                Log.ArticleSkipped(_logger, relative, error ?? "unknown error.");
                continue;
            }

            if (!seen.Add((article.Id, article.Language)))
            {
                Log.DuplicateArticle(_logger, article.Id, article.Language, relative);
                continue;
            }

            articles.Add(article);
        }

        foreach (var gone in _parsed.Keys.Where(path => !present.Contains(path)).ToList())
        {
            _parsed.TryRemove(gone, out _);
        }

        Log.ArticlesLoaded(_logger, articles.Count, root, stopwatch.ElapsedMilliseconds);
        return articles;
    }

    public void Dispose()
    {
        lock (_watchLock)
        {
            _watcher?.Dispose();
            _quietTimer?.Dispose();
            _watcher = null;
        }
    }

    private async Task<(HelpArticle? Article, string? Error)> ParseAsync(string file, string relative, FileInfo info, string defaultLanguage, CancellationToken cancellationToken)
    {
        if (_parsed.TryGetValue(file, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return (cached.Article, cached.Error);
        }

        try
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            var (article, error) = MarkdownArticleParser.Parse(text, relative, defaultLanguage);
            _parsed[file] = (info.LastWriteTimeUtc, info.Length, article, error);
            return (article, error);
        }
        catch (IOException ex)
        {
            // The file is being written or was removed meanwhile; the change that follows brings it back.
            return (null, $"it could not be read ({ex.Message}).");
        }
    }

    private void StartWatching(string root)
    {
        if (!_options.Value.WatchForChanges || _watcher is not null)
        {
            return;
        }

        lock (_watchLock)
        {
            if (_watcher is not null)
            {
                return;
            }

            _quietTimer = _time.CreateTimer(_ => ArticlesChanged?.Invoke(this, EventArgs.Empty), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var watcher = new FileSystemWatcher(root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += (_, _) => OnChange();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (e.FullPath.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || e.FullPath.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)
            || e is RenamedEventArgs || Directory.Exists(e.FullPath))
        {
            OnChange();
        }
    }

    private void OnChange() => _quietTimer?.Change(ChangeQuietPeriod, Timeout.InfiniteTimeSpan);
}
