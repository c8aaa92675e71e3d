using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Areas;

/// <summary>
/// The areas of the <see cref="IHelpAreaSource"/>, each counted by a browse search through the registered
/// <see cref="IKnowledgeProvider"/>: the decorated chain, so whatever a decorator leaves out (audiences, a roll-out
/// that is not live) is not counted, and an area with nothing left is not listed. The definitions are read once and
/// again when the source reports a change; the counts are asked for on every call.
/// </summary>
internal sealed class HelpAreaCatalog : IHelpAreaCatalog, IDisposable
{
    private readonly IKnowledgeProvider _provider;
    private readonly IHelpAreaSource? _source;
    private readonly IOptions<HelpWidgetOptions> _options;
    private readonly ILogger<HelpAreaCatalog> _logger;
    private volatile IReadOnlyList<HelpArea>? _areas;
    private int _version;

    public HelpAreaCatalog(IKnowledgeProvider provider, IOptions<HelpWidgetOptions> options, ILogger<HelpAreaCatalog> logger, IHelpAreaSource? source = null)
    {
        _provider = provider;
        _options = options;
        _logger = logger;
        _source = source;
        if (_source is not null)
        {
            _source.AreasChanged += OnAreasChanged;
        }
    }

    public async Task<IReadOnlyList<HelpAreaSummary>> GetAreasAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var all = await LoadAsync(cancellationToken).ConfigureAwait(false);
        if (all.Count == 0)
        {
            return [];
        }

        var chosen = InLanguage(all, PrimaryLanguage(request.Language), PrimaryLanguage(_options.Value.DefaultLanguage));
        var counts = await Task.WhenAll(chosen.Select(area => CountAsync(area, request, cancellationToken))).ConfigureAwait(false);
        return [.. chosen.Zip(counts, (area, count) => new HelpAreaSummary { Area = area, ArticleCount = count }).Where(s => s.ArticleCount > 0)];
    }

    public void Dispose()
    {
        if (_source is not null)
        {
            _source.AreasChanged -= OnAreasChanged;
        }
    }

    /// <summary>One instance per area id: in <paramref name="language"/>, else the default language, else the first one; by order, then id.</summary>
    internal static List<HelpArea> InLanguage(IReadOnlyList<HelpArea> areas, string? language, string? defaultLanguage) =>
        [.. areas
            .GroupBy(a => a.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.FirstOrDefault(a => Is(a, language)) ?? g.FirstOrDefault(a => Is(a, defaultLanguage)) ?? g.First())
            .OrderBy(a => a.Order)
            .ThenBy(a => a.Id, StringComparer.Ordinal)];

    /// <summary>The primary subtag of a language tag, lower-cased (<c>sv</c> of <c>sv-SE</c>); <see langword="null"/> for none.</summary>
    internal static string? PrimaryLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0];
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetter) ? primary.ToLowerInvariant() : null;
    }

    private static bool Is(HelpArea area, string? language) =>
        language is not null && string.Equals(area.Language, language, StringComparison.OrdinalIgnoreCase);

    private async Task<int> CountAsync(HelpArea area, SearchRequest request, CancellationToken cancellationToken)
    {
        var results = await _provider.SearchAsync(
            new SearchRequest
            {
                Area = area.Id,
                User = request.User,
                Language = request.Language,
                Context = request.Context,
                MaxResults = SearchRequest.MaxResultsLimit,
            },
            cancellationToken).ConfigureAwait(false);
        return results.Hits.Count;
    }

    private async Task<IReadOnlyList<HelpArea>> LoadAsync(CancellationToken cancellationToken)
    {
        if (_source is null)
        {
            return [];
        }

        if (_areas is { } loaded)
        {
            return loaded;
        }

        var version = Volatile.Read(ref _version);
        try
        {
            loaded = await _source.LoadAreasAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not kept: the next call tries again.
            Log.AreasFailed(_logger, ex);
            return [];
        }

        // A change reported while loading may not be in what was read: keep it only when none was.
        if (Volatile.Read(ref _version) == version)
        {
            _areas = loaded;
        }

        return loaded;
    }

    private void OnAreasChanged(object? sender, EventArgs e)
    {
        Interlocked.Increment(ref _version);
        _areas = null;
    }
}
