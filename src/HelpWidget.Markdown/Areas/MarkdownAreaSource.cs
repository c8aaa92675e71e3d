using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Markdown;

/// <summary>
/// Reads the areas file (<c>areas.yml</c>) at the root of <see cref="MarkdownContentOptions.ArticlesPath"/> and reports
/// changes to it while the app runs. Its problems are logged with the articles' when the article source loads.
/// </summary>
internal sealed class MarkdownAreaSource : IHelpAreaSource, IDisposable
{
    private readonly IOptions<MarkdownContentOptions> _options;
    private readonly IHostEnvironment? _environment;
    private readonly TimeProvider _time;
    private readonly Lock _watchLock = new();
    private FileSystemWatcher? _watcher;
    private ITimer? _quietTimer;

    public MarkdownAreaSource(IOptions<MarkdownContentOptions> options, IHostEnvironment? environment = null, TimeProvider? time = null)
    {
        _options = options;
        _environment = environment;
        _time = time ?? TimeProvider.System;
    }

    public event EventHandler? AreasChanged;

    public string RootPath => Path.GetFullPath(Path.Combine(_environment?.ContentRootPath ?? AppContext.BaseDirectory, _options.Value.ArticlesPath));

    public async Task<IReadOnlyList<HelpArea>> LoadAreasAsync(CancellationToken cancellationToken = default)
    {
        var root = RootPath;
        if (!Directory.Exists(root))
        {
            return [];
        }

        StartWatching(root);
        var settings = _options.Value;
        var areas = await AreaDefinitions.ReadAsync(root, settings.DefaultLanguage, settings.MaxArticleBytes, cancellationToken);
        return areas.All;
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

            _quietTimer = _time.CreateTimer(_ => AreasChanged?.Invoke(this, EventArgs.Empty), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            var watcher = new FileSystemWatcher(root, "areas.*")
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
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

    private void OnFileEvent(object sender, FileSystemEventArgs e) => OnChange();

    private void OnChange() => _quietTimer?.Change(MarkdownArticleSource.ChangeQuietPeriod, Timeout.InfiniteTimeSpan);
}
