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

    private readonly IOptions<MarkdownContentOptions> _options;
    private readonly ILogger<MarkdownArticleSource> _logger;
    private readonly IHostEnvironment? _environment;
    private readonly TimeProvider _time;
    private readonly Lock _readerLock = new();
    private KnowledgeBaseReader? _reader;
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
        var report = await Reader().ReadAsync(root, cancellationToken);
        foreach (var problem in report.Problems)
        {
            var severity = problem.Severity == ContentProblemSeverity.Error ? "error" : "warning";
            // Content readers lose (a file or the areas left out) is a warning, as it always was; the rest is for editors.
            if (problem.Code is ContentProblemCodes.FrontMatter or ContentProblemCodes.FileTooLarge or ContentProblemCodes.Unreadable or ContentProblemCodes.DuplicateId or ContentProblemCodes.AreasFile)
            {
                Log.ContentLeftOut(_logger, problem.File, problem.Line, severity, problem.Code, problem.Message);
            }
            else
            {
                Log.ContentProblem(_logger, problem.File, problem.Line, severity, problem.Code, problem.Message);
            }
        }

        var errors = report.Problems.Count(p => p.Severity == ContentProblemSeverity.Error);
        Log.ArticlesLoaded(_logger, report.Articles.Count, root, stopwatch.ElapsedMilliseconds, errors, report.Problems.Count - errors);
        return report.Articles;
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

    /// <summary>The same reader for every load, so only changed files are parsed again; a change of options starts afresh.</summary>
    private KnowledgeBaseReader Reader()
    {
        var settings = _options.Value;
        lock (_readerLock)
        {
            if (_reader is null || _reader.Options.DefaultLanguage != settings.DefaultLanguage || _reader.Options.MaxArticleBytes != settings.MaxArticleBytes)
            {
                _reader = new KnowledgeBaseReader(new KnowledgeBaseLintOptions { DefaultLanguage = settings.DefaultLanguage, MaxArticleBytes = settings.MaxArticleBytes });
            }

            return _reader;
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
            || e.FullPath.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || e.FullPath.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
            || e is RenamedEventArgs || Directory.Exists(e.FullPath))
        {
            OnChange();
        }
    }

    private void OnChange() => _quietTimer?.Change(ChangeQuietPeriod, Timeout.InfiniteTimeSpan);
}
