using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

/// <summary>
/// The panel's Browse view: the areas of the knowledge base with their article counts, or the articles of one area,
/// most helpful first, with a search narrowed to that area. <see cref="HelpPanel"/> places it and keeps its place in
/// the panel's history; place it on its own only beside the panel's other parts, as the callbacks expect.
/// </summary>
public sealed partial class HelpBrowse : IDisposable
{
    private ElementReference _searchInput;

    /// <summary>
    /// What is in the search box: bound with <c>@bind</c>, as the panel's own box is, so Blazor never echoes a keystroke
    /// back and a render that arrives late cannot undo what the user typed since.
    /// </summary>
    private string _query = string.Empty;
    private string? _queryParameter;
    private CancellationTokenSource? _cancellation;
    private IReadOnlyList<ArticleHit> _hits = [];
    private string? _loadedKey;
    private string? _searched;
    private string _status = string.Empty;
    private bool _loading;
    private bool _failed;

    [Inject]
    private IKnowledgeProvider Knowledge { get; set; } = default!;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    [Inject]
    private ILogger<HelpBrowse> Logger { get; set; } = default!;

    /// <summary>Gets or sets the id of the panel the view is in; the view's element ids start with it.</summary>
    [Parameter]
    [EditorRequired]
    public string Id { get; set; } = default!;

    /// <summary>Gets or sets the areas the user may browse, with their counts (<see cref="IHelpAreaCatalog"/>). Defaults to none.</summary>
    [Parameter]
    public IReadOnlyList<HelpAreaSummary> Areas { get; set; } = [];

    /// <summary>Gets or sets the id of the area shown; <see langword="null"/> lists the areas. Defaults to <see langword="null"/>.</summary>
    [Parameter]
    public string? AreaId { get; set; }

    /// <summary>Gets or sets the search typed in the area. Defaults to the empty string: the area's articles.</summary>
    [Parameter]
    public string Query { get; set; } = string.Empty;

    /// <summary>Gets or sets the callback invoked when the search in the area changes.</summary>
    [Parameter]
    public EventCallback<string> QueryChanged { get; set; }

    /// <summary>Gets or sets the user; <see langword="null"/> means anonymous.</summary>
    [Parameter]
    public HelpUser? User { get; set; }

    /// <summary>Gets or sets the path of the page the user is on, for the search's context. Defaults to <c>/</c>.</summary>
    [Parameter]
    public string Route { get; set; } = "/";

    /// <summary>Gets or sets the user's language as an IETF tag; <see langword="null"/> uses the provider's default language.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <summary>Gets or sets the number of search results asked for; an area's list without a query shows up to <see cref="SearchRequest.MaxResultsLimit"/>. Defaults to 8.</summary>
    [Parameter]
    public int MaxResults { get; set; } = 8;

    /// <summary>Gets or sets the callback invoked with an area's id when the user opens it.</summary>
    [Parameter]
    public EventCallback<string> OnOpenArea { get; set; }

    /// <summary>Gets or sets the callback invoked with an article's id when the user opens it.</summary>
    [Parameter]
    public EventCallback<string> OnOpenArticle { get; set; }

    /// <summary>Gets or sets the callback invoked with the query when the user widens the search to all help.</summary>
    [Parameter]
    public EventCallback<string> OnSearchAll { get; set; }

    private HelpArea? Area => Areas.FirstOrDefault(a => string.Equals(a.Area.Id, AreaId, StringComparison.OrdinalIgnoreCase))?.Area;

    private string HeadingId => Id + "-browse-heading";

    private string SearchId => Id + "-area-search";

    private string AreaTextId(HelpArea area) => $"{Id}-area-{area.Id}";

    private string HitTextId(ArticleHit hit) => $"{Id}-area-hit-{hit.Id}";

    /// <summary>Moves focus to the search box of the area shown.</summary>
    /// <returns>A task that completes when focus has moved.</returns>
    internal ValueTask FocusSearchAsync() => AreaId is null || Area is null ? ValueTask.CompletedTask : _searchInput.FocusAsync();

    /// <inheritdoc />
    public void Dispose()
    {
        _cancellation?.Cancel();
        _cancellation?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (AreaId is null)
        {
            _loadedKey = null;
            _status = Areas.Count == 1 ? L["AreaCountOne"] : L["AreaCountMany", Areas.Count];
            return;
        }

        if (Query != _queryParameter)
        {
            _queryParameter = Query;
            _query = Query;
        }

        var key = LoadKey(_query);
        if (key != _loadedKey && Area is not null)
        {
            _loadedKey = key;
            await LoadAsync(_query);
        }
    }

    private string ArticleCount(int count) => count == 1 ? L["AreaArticleCountOne"] : L["AreaArticleCountMany", count];

    private string LoadKey(string query) => string.Join('\n', AreaId, User?.Id, string.Join(',', User?.Audiences ?? []), Language, query);

    private async Task OnTypedAsync()
    {
        var query = _query;
        _queryParameter = query;
        _loadedKey = LoadKey(query);
        await QueryChanged.InvokeAsync(query);
        await LoadAsync(query);
    }

    /// <summary>The area's articles for an empty query, else the query's results in the area; a newer call replaces an older one.</summary>
    private async Task LoadAsync(string query)
    {
        if (_cancellation is not null)
        {
            await _cancellation.CancelAsync();
            _cancellation.Dispose();
        }

        var cancellation = _cancellation = new CancellationTokenSource();
        var browse = string.IsNullOrWhiteSpace(query);
        _loading = true;
        try
        {
            var results = await Knowledge.SearchAsync(
                new SearchRequest
                {
                    Area = AreaId,
                    Query = browse ? string.Empty : query,
                    User = User ?? HelpUser.Anonymous,
                    Language = Language,
                    Context = Session.Context.Resolve(Route),
                    MaxResults = browse ? SearchRequest.MaxResultsLimit : MaxResults,
                },
                cancellation.Token);
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            _hits = results.Hits;
            _failed = false;
            _searched = browse ? null : query;
            if (!browse)
            {
                Session.RecordSearch(query, results.Hits.Count);
            }

            _status = browse
                ? (results.Hits.Count == 1 ? L["AreaArticleCountOne"] : L["AreaArticleCountMany", results.Hits.Count])
                : (results.Hits.Count == 1 ? L["ResultsCountOne"] : L["ResultsCountMany", results.Hits.Count]);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer keystroke replaced this search.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.SearchFailed(ex);
            _hits = [];
            _failed = true;
            _status = L["SearchFailed"];
        }
        finally
        {
            if (!cancellation.IsCancellationRequested)
            {
                _loading = false;
            }
        }
    }
}
