using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components;

/// <summary>
/// The help panel: suggestions for the current page, search, article, contact form and receipt.
/// <see cref="HelpLauncher"/> places it; use it directly to show help inline in a page.
/// </summary>
public sealed partial class HelpPanel : IDisposable
{
    internal const int MaxQueryInputLength = 3000;

    private readonly Stack<PanelView> _history = new();
    private readonly HelpSessionLog _session = new();
    private HelpContactDraft _contact = new();
    private CancellationTokenSource? _searchCancellation;
    private ElementReference _searchInput;
    private ElementReference _title;
    private ElementReference _receiptHeading;
    private PanelView _view = PanelView.Search;
    private IReadOnlyList<ArticleHit> _suggestions = [];
    private SearchResults _results = SearchResults.Empty;
    private string _query = string.Empty;
    private string? _searchedQuery;
    private string _status = string.Empty;
    private bool _searchFailed;
    private HelpArticle? _article;
    private bool _loading;
    private TicketReceipt? _receipt;
    private string? _receiptEmail;
    private string _route = "/";
    private string? _suggestionsRoute;
    private bool _opened;
    private bool _wasOpen;
    private FocusTarget _focus;
    private HelpPanelStart? _applied;

    [Inject]
    private IKnowledgeProvider Knowledge { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<HelpWidgetOptions> Options { get; set; } = default!;

    /// <summary>Gets or sets the id of the panel element, referenced by the launcher's <c>aria-controls</c>.</summary>
    [Parameter]
    [EditorRequired]
    public string Id { get; set; } = default!;

    /// <summary>Gets or sets a value indicating whether the panel is shown. Defaults to <see langword="false"/>.</summary>
    [Parameter]
    public bool Open { get; set; }

    /// <summary>Gets or sets the signed-in user; <see langword="null"/> means anonymous.</summary>
    [Parameter]
    public HelpUser? User { get; set; }

    /// <summary>
    /// Gets or sets what the panel shows when it opens: an article or a search. A new value is applied the next
    /// time the panel is open; <see langword="null"/> keeps what the user was doing. Defaults to <see langword="null"/>.
    /// </summary>
    [Parameter]
    public HelpPanelStart? Start { get; set; }

    /// <summary>Gets or sets the callback invoked when the user closes the panel (close button or Escape).</summary>
    [Parameter]
    public EventCallback OnClose { get; set; }

    private string TitleId => Id + "-title";

    private string SearchId => Id + "-search";

    private string HitTextId(ArticleHit hit) => $"{Id}-hit-{hit.Id}";

    private static string Language => CultureInfo.CurrentUICulture.Name;

    /// <inheritdoc />
    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _searchCancellation?.Cancel();
        _searchCancellation?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            throw new InvalidOperationException($"{nameof(HelpPanel)} requires the {nameof(Id)} parameter.");
        }

        _route = CurrentRoute();
        Navigation.LocationChanged += OnLocationChanged;
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (Open && !_wasOpen)
        {
            _opened = true;
            _focus = _view == PanelView.Search ? FocusTarget.Search : FocusTarget.Title;
            await LoadSuggestionsAsync();
        }

        if (Open && Start is { } start && !ReferenceEquals(start, _applied))
        {
            _applied = start;
            await ApplyAsync(start);
        }

        _wasOpen = Open;
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var focus = _focus;
        _focus = FocusTarget.None;
        switch (focus)
        {
            case FocusTarget.Search when _view == PanelView.Search:
                await _searchInput.FocusAsync();
                break;
            case FocusTarget.Title:
                await _title.FocusAsync();
                break;
            case FocusTarget.Receipt when _view == PanelView.Receipt:
                await _receiptHeading.FocusAsync();
                break;
        }
    }

    private async Task LoadSuggestionsAsync()
    {
        if (_suggestionsRoute == _route)
        {
            return;
        }

        _suggestionsRoute = _route;
        try
        {
            var results = await Knowledge.SuggestAsync(new SearchRequest
            {
                Context = new HelpContext { Route = _route },
                User = User ?? HelpUser.Anonymous,
                Language = Language,
                MaxResults = 5,
            });
            _suggestions = results.Hits;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Suggestions are a convenience: without them the panel still searches.
            _suggestions = [];
        }
    }

    private async Task ApplyAsync(HelpPanelStart start)
    {
        _history.Clear();
        _view = PanelView.Search;
        if (start.Query is { Length: > 0 } query)
        {
            await SearchForAsync(query.Length > MaxQueryInputLength ? query[..MaxQueryInputLength] : query);
        }

        if (start.ArticleId is { Length: > 0 } articleId)
        {
            await OpenArticleAsync(articleId);
        }
    }

    private async Task SearchForAsync(string query)
    {
        _query = query;
        await SearchAsync();
        _focus = FocusTarget.Search;
    }

    /// <summary>
    /// Searches for what is in the box. The box is bound with <c>@bind</c> (not a one-way value): Blazor then never
    /// echoes a keystroke back to the browser, so a render that arrives late cannot undo what the user typed since.
    /// </summary>
    private async Task SearchAsync()
    {
        _query ??= string.Empty;
        if (_searchCancellation is not null)
        {
            await _searchCancellation.CancelAsync();
            _searchCancellation.Dispose();
        }

        var cancellation = _searchCancellation = new CancellationTokenSource();
        if (string.IsNullOrWhiteSpace(_query))
        {
            _results = SearchResults.Empty;
            _searchedQuery = null;
            _searchFailed = false;
            _status = string.Empty;
            return;
        }

        var query = _query;
        try
        {
            var results = await Knowledge.SearchAsync(
                new SearchRequest { Query = query, User = User ?? HelpUser.Anonymous, Language = Language, Context = new HelpContext { Route = _route }, MaxResults = Options.Value.MaxResults },
                cancellation.Token);
            if (cancellation.IsCancellationRequested)
            {
                return;
            }

            _results = results;
            _searchedQuery = query;
            _searchFailed = false;
            _session.AddSearch(query, results.Hits.Count);
            _status = results.Hits.Count == 1 ? L["ResultsCountOne"] : L["ResultsCountMany", results.Hits.Count];
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer keystroke replaced this search.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _results = SearchResults.Empty;
            _searchFailed = true;
            _status = L["SearchFailed"];
        }
    }

    private async Task OpenArticleAsync(string id)
    {
        Navigate(PanelView.Article);
        _article = null;
        _loading = true;
        StateHasChanged();
        try
        {
            _article = await Knowledge.GetArticleAsync(new ArticleRequest(id) { User = User ?? HelpUser.Anonymous, Language = Language });
            if (_article is not null)
            {
                _session.AddArticle(_article.Id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _article = null;
        }
        finally
        {
            _loading = false;
        }

        _focus = FocusTarget.Title;
    }

    private Task OpenContactAsync()
    {
        Navigate(PanelView.Contact);
        _focus = FocusTarget.Title;
        return Task.CompletedTask;
    }

    private Task OnTicketCreatedAsync(TicketReceipt receipt)
    {
        _receipt = receipt;
        _receiptEmail = _contact.Email;
        _contact = new HelpContactDraft { Name = _contact.Name, Email = _contact.Email };
        _history.Clear();
        _view = PanelView.Receipt;
        _focus = FocusTarget.Receipt;
        return Task.CompletedTask;
    }

    private Task BackToSearchAsync()
    {
        _history.Clear();
        _view = PanelView.Search;
        _focus = FocusTarget.Search;
        return Task.CompletedTask;
    }

    private Task BackAsync()
    {
        if (_history.Count > 0)
        {
            _view = _history.Pop();
            _focus = _view == PanelView.Search ? FocusTarget.Search : FocusTarget.Title;
        }

        return Task.CompletedTask;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Escape")
        {
            await CloseAsync();
        }
    }

    private Task CloseAsync() => OnClose.InvokeAsync();

    private void Navigate(PanelView view)
    {
        if (_view != view)
        {
            _history.Push(_view);
            _view = view;
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs args)
    {
        _route = CurrentRoute();
        if (Open || _opened)
        {
            _ = InvokeAsync(async () =>
            {
                _suggestionsRoute = null;
                await LoadSuggestionsAsync();
                StateHasChanged();
            });
        }
    }

    private string CurrentRoute()
    {
        var relative = Navigation.ToBaseRelativePath(Navigation.Uri);
        var end = relative.IndexOfAny(['?', '#']);
        return "/" + (end >= 0 ? relative[..end] : relative);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");

    private enum FocusTarget
    {
        None,
        Search,
        Title,
        Receipt,
    }
}
