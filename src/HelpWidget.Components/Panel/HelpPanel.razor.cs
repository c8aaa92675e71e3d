using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Components;

/// <summary>
/// The help panel: suggestions for the current page, search, article, contact form and receipt.
/// <see cref="HelpLauncher"/> places it; use it directly to show help inline in a page.
/// </summary>
/// <remarks>
/// Its styles are not in the app's styles bundle but in the package's <c>_content/HelpWidget.Components/helpwidget-panel.css</c>,
/// which the launcher loads when the panel first opens; a page that places the panel on its own links that stylesheet.
/// </remarks>
public sealed partial class HelpPanel : IDisposable
{
    internal const int MaxQueryInputLength = 3000;

    /// <summary>How long a query must rest before a provider's fuller ranking replaces its quick one.</summary>
    internal static readonly TimeSpan SettleDelay = TimeSpan.FromMilliseconds(350);

    private PanelMemory _memory = default!;
    private CancellationTokenSource? _searchCancellation;
    private ElementReference _searchInput;
    private ElementReference _title;
    private ElementReference _receiptHeading;
    private IReadOnlyList<ArticleHit> _suggestions = [];
    private bool _suggestionsLoading;
    private SearchResults _results = SearchResults.Empty;
    private string? _searchedQuery;
    private string? _refinableQuery;

    /// <summary>The search whose results led to the article shown (through related articles too); <see langword="null"/> when none did.</summary>
    private string? _articleQuery;
    private string _status = string.Empty;
    private bool _searchFailed;
    private HelpArticle? _article;
    private bool _loading;
    private string _route = "/";
    private string? _suggestionsKey;
    private bool _deflected;
    private string? _topic;
    private bool _opened;
    private bool _wasOpen;
    private FocusTarget _focus;
    private HelpPanelStart? _applied;

    /// <summary>The remote provider's connectivity; <see langword="null"/> when none is registered (an in-process engine is always online).</summary>
    private IHelpConnectivity? _connectivity;

    /// <summary>Whether help was offline when the panel last looked, read on the renderer's thread.</summary>
    private bool _offline;
    private bool _suggestionsOffline;
    private bool _articleOffline;
    private bool _disposed;

    /// <summary>The areas the user may browse (none: no Browse button); see HelpPanel.Browse.cs.</summary>
    private IReadOnlyList<HelpAreaSummary> _areas = [];

    [Inject]
    private IKnowledgeProvider Knowledge { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Where the page's routes count from when the widget is embedded in another origin's page.</summary>
    [CascadingParameter]
    private HelpAssets? Embedding { get; set; }

    [Inject]
    private IOptions<HelpWidgetOptions> Options { get; set; } = default!;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    [Inject]
    private ILogger<HelpPanel> Logger { get; set; } = default!;

    [Inject]
    private IOptions<HelpPanelOptions> PanelOptions { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private ArticleAnswers Answers { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

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

    private PanelNavigation Nav => _memory.Navigation;

    private string BodyKey => Nav.View switch
    {
        PanelView.Article => "article:" + Nav.ArticleId,
        PanelView.Browse => "browse:" + Nav.AreaId,
        _ => Nav.View.ToString(),
    };

    private string TitleId => Id + "-title";

    private string SearchId => Id + "-search";

    private string HitTextId(ArticleHit hit) => $"{Id}-hit-{hit.Id}";

    private string Language => Options.Value.LanguageFor(CultureInfo.CurrentUICulture);

    /// <summary>The hint under the search box: the app's own for the user's language, else the widget's, which names no topic.</summary>
    private string SearchHint => PanelOptions.Value.SearchHintFor(CultureInfo.CurrentUICulture) ?? L["SearchHint"];

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        Navigation.LocationChanged -= OnLocationChanged;
        Session.Context.Changed -= OnContextChanged;
        if (_connectivity is not null)
        {
            _connectivity.Changed -= OnConnectivityChanged;
        }

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

        _memory = PanelMemory.For(Session);
        if (!Open)
        {
            // The panel that showed a finished request is gone with it, as good as closed.
            _memory.EndFinished();
        }

        _route = (Embedding ?? HelpAssets.Relative).Route(Navigation);
        Navigation.LocationChanged += OnLocationChanged;
        Session.Context.Changed += OnContextChanged;
        _connectivity = Services.GetService<IHelpConnectivity>();
        if (_connectivity is not null)
        {
            _offline = !_connectivity.IsOnline;
            _connectivity.Changed += OnConnectivityChanged;
        }
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (User is { Id: not null } user)
        {
            // Insights link one user's help sessions by a keyed hash of this id (never the id itself).
            Session.User = user;
        }

        if (!Open && _wasOpen && _memory.EndFinished())
        {
            ForgetFinishedRequest();
        }

        if (Open && !_wasOpen)
        {
            ComponentsTelemetry.PanelOpens.Add(1);
            _focus = Nav.View == PanelView.Search ? FocusTarget.Search : FocusTarget.Title;
            if (!_opened)
            {
                _opened = true;
                await RestoreAsync();
            }

            await LoadSuggestionsAsync();
            RecordSuggestionsShown();
            await LoadAreasAsync();
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
            case FocusTarget.Search when Nav.View == PanelView.Search:
                await _searchInput.FocusAsync();
                break;
            case FocusTarget.Title:
                await _title.FocusAsync();
                break;
            case FocusTarget.Receipt when Nav.View == PanelView.Receipt:
                await _receiptHeading.FocusAsync();
                break;
        }
    }

    /// <summary>Clears what this panel showed of a finished request: the "solved" thanks and the search that led to it.</summary>
    private void ForgetFinishedRequest()
    {
        _deflected = false;
        _results = SearchResults.Empty;
        _searchedQuery = null;
        _articleQuery = null;
        _searchFailed = false;
        _status = string.Empty;
    }

    private async Task LoadSuggestionsAsync()
    {
        var context = Session.Context.Resolve(_route);
        var key = string.Join('|', [context.Route, .. context.Keys, "#", .. context.Tags]);
        if (_suggestionsKey == key)
        {
            return;
        }

        _suggestionsKey = key;
        _topic = Session.Context.Topic;
        _suggestionsLoading = true;
        try
        {
            var results = await Knowledge.SuggestAsync(new SearchRequest
            {
                Context = Session.Context.Resolve(_route),
                User = User ?? HelpUser.Anonymous,
                Language = Language,
                MaxResults = 5,
            });
            _suggestions = results.Hits;
            _suggestionsOffline = false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Suggestions are a convenience: without them the panel still searches.
            Logger.SuggestionsFailed(ex);
            _suggestions = [];
            _suggestionsOffline = NoticeOffline();
        }
        finally
        {
            // A newer load (the page's context changed meanwhile) keeps saying it is loading until it ends.
            _suggestionsLoading = _suggestionsKey != key;
        }
    }

    /// <summary>Records, for insights, that the open panel shows suggestions for the page (no search typed).</summary>
    private void RecordSuggestionsShown()
    {
        if (Open && Nav.View == PanelView.Search && string.IsNullOrWhiteSpace(_memory.Query) && !_suggestionsLoading && _suggestions.Count > 0)
        {
            ComponentsTelemetry.SuggestionsShown.Add(1);
            Session.RecordSuggestionsShown(_suggestions.Count);
        }
    }

    /// <summary>Shows again what a panel rendered earlier in this session was showing: its search results and article.</summary>
    private async Task RestoreAsync()
    {
        Nav.LeaveContactUnlessOffered(ContactOffered);
        if (!string.IsNullOrWhiteSpace(_memory.Query))
        {
            await SearchAsync();
        }

        if (Nav is { View: PanelView.Article, ArticleId: { } articleId })
        {
            await LoadArticleAsync(articleId);
        }
    }

    private async Task ApplyAsync(HelpPanelStart start)
    {
        Nav.StartOver();
        if (start.Contact)
        {
            _memory.Contact.Subject = start.Subject ?? _memory.Contact.Subject;
            _memory.Contact.Description = start.Description ?? _memory.Contact.Description;
            if (!ContactOffered && !string.IsNullOrWhiteSpace(start.Subject))
            {
                // Self-service first: the subject is searched, and the filled-in form is one click away once contact is offered.
                await SearchForAsync(start.Subject.Length > MaxQueryInputLength ? start.Subject[..MaxQueryInputLength] : start.Subject);
                return;
            }

            await OpenContactAsync();
            return;
        }

        if (start.Query is { Length: > 0 } query)
        {
            await SearchForAsync(query.Length > MaxQueryInputLength ? query[..MaxQueryInputLength] : query);
        }

        if (start.ArticleId is { Length: > 0 } articleId)
        {
            await OpenWithoutSearchAsync(articleId);
        }
    }

    private async Task SearchForAsync(string query)
    {
        _memory.Query = query;
        await SearchAsync();
        _focus = FocusTarget.Search;
    }

    /// <summary>
    /// Searches for what is in the box as it is typed: the provider's quickest ranking at once; when the provider has a
    /// fuller one (<see cref="SearchResults.Refinable"/>), that follows once the query rests for <see cref="SettleDelay"/>
    /// or on Enter. The box is bound with <c>@bind</c> (not a one-way value): Blazor then never echoes a keystroke back
    /// to the browser, so a render that arrives late cannot undo what the user typed since.
    /// </summary>
    private Task SearchTypedAsync() => SearchAsync(asYouType: true);

    /// <summary>Searches for what is in the box, with the provider's full ranking unless <paramref name="asYouType"/>.</summary>
    private async Task SearchAsync(bool asYouType = false)
    {
        _refinableQuery = null;
        _memory.Query ??= string.Empty;
        _deflected = false;
        Nav.Resume();
        if (_searchCancellation is not null)
        {
            await _searchCancellation.CancelAsync();
            _searchCancellation.Dispose();
        }

        var cancellation = _searchCancellation = new CancellationTokenSource();
        if (string.IsNullOrWhiteSpace(_memory.Query))
        {
            _results = SearchResults.Empty;
            _searchedQuery = null;
            _searchFailed = false;
            _status = string.Empty;
            return;
        }

        var query = _memory.Query;
        var started = Time.GetTimestamp();
        using var activity = ComponentsTelemetry.Source.StartActivity("helpwidget.components.search");
        var outcome = "failed";
        try
        {
            var results = await Knowledge.SearchAsync(
                Request(query, asYouType),
                cancellation.Token);
            if (cancellation.IsCancellationRequested)
            {
                outcome = "replaced";
                return;
            }

            outcome = results.Hits.Count == 0 ? "zero_results" : "hits";
            activity?.SetTag("helpwidget.search.result_count", results.Hits.Count);
            _results = results;
            _searchedQuery = query;
            _searchFailed = false;
            Session.RecordSearch(query, results.Hits.Count);
            _status = ResultsStatus(results);
            if (results.Refinable)
            {
                _refinableQuery = query;
                _ = RefineWhenSettledAsync(query, cancellation.Token);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // A newer keystroke replaced this search.
            outcome = "replaced";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            Logger.SearchFailed(ex);
            _results = SearchResults.Empty;
            _searchFailed = true;
            _status = NoticeOffline() ? L["SearchOffline"] : L["SearchFailed"];
        }
        finally
        {
            activity?.SetTag("helpwidget.outcome", outcome);
            ComponentsTelemetry.SearchDuration.Record(Time.GetElapsedTime(started).TotalSeconds, ComponentsTelemetry.Outcome(outcome));
        }
    }

    private SearchRequest Request(string query, bool asYouType) => new()
    {
        Query = query,
        User = User ?? HelpUser.Anonymous,
        Language = Language,
        Context = Session.Context.Resolve(_route),
        MaxResults = Options.Value.MaxResults,
        AsYouType = asYouType,
    };

    private string ResultsStatus(SearchResults results) =>
        results.Hits.Count == 1 ? L["ResultsCountOne"] : L["ResultsCountMany", results.Hits.Count];

    /// <summary>Asks for the full ranking once the query has rested; a newer keystroke cancels the wait.</summary>
    private async Task RefineWhenSettledAsync(string query, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(SettleDelay, Time, cancellationToken);
            await InvokeAsync(() => RefineAsync(query, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The user typed on, closed the panel or pressed Enter first.
        }
    }

    /// <summary>
    /// Replaces the quick results of a settled query with the provider's full ranking, only when it differs, without
    /// moving focus; the count is announced again only when it changed. A failure keeps the quick results (logged).
    /// </summary>
    private async Task RefineAsync(string query, CancellationToken cancellationToken)
    {
        if (_refinableQuery != query || _memory.Query != query || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        _refinableQuery = null;
        SearchResults refined;
        try
        {
            refined = await Knowledge.SearchAsync(Request(query, asYouType: false), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.RefinementFailed(ex);
            return;
        }

        if (cancellationToken.IsCancellationRequested || _memory.Query != query || refined.Hits.Count == 0
            || refined.Hits.Select(hit => hit.Id).SequenceEqual(_results.Hits.Select(hit => hit.Id), StringComparer.Ordinal))
        {
            return;
        }

        var countChanged = refined.Hits.Count != _results.Hits.Count;
        _results = refined;
        if (countChanged)
        {
            _status = ResultsStatus(refined);
            Session.RecordSearch(query, refined.Hits.Count);
        }

        StateHasChanged();
    }

    private Task OpenResultAsync(string id)
    {
        _articleQuery = _searchedQuery;
        return OpenArticleAsync(id, HelpArticleSource.Search);
    }

    /// <summary>Opens an article suggested for the page, or on the contact form for what the user is writing.</summary>
    private Task OpenSuggestionAsync(string id)
    {
        _articleQuery = null;
        return OpenArticleAsync(id, HelpArticleSource.Suggestion);
    }

    /// <summary>Opens an article the app asked for (a deep link or a field's help: the session knows which).</summary>
    private Task OpenWithoutSearchAsync(string id)
    {
        _articleQuery = null;
        return OpenArticleAsync(id, source: null);
    }

    /// <summary>Opens an article listed as related under the one shown; the search that led there still counts.</summary>
    private Task OpenRelatedAsync(string id) => OpenArticleAsync(id, HelpArticleSource.Related);

    /// <param name="id">The article's id.</param>
    /// <param name="source">Where the user opened it from; <see langword="null"/> takes what the session expects (a deep link or field help).</param>
    private async Task OpenArticleAsync(string id, HelpArticleSource? source)
    {
        Nav.Navigate(PanelView.Article, id);
        await LoadArticleAsync(id);
        if (_article is not null)
        {
            ComponentsTelemetry.ArticlesOpened.Add(1, ComponentsTelemetry.ArticleSource(source ?? Session.ExpectedArticleSource));
            Session.RecordArticle(_article.Id, _article.Language, source);
        }
    }

    private async Task LoadArticleAsync(string id, bool moveFocus = true)
    {
        Nav.ArticleId = id;
        _article = null;
        _articleOffline = false;
        _loading = true;
        StateHasChanged();
        try
        {
            _article = await Knowledge.GetArticleAsync(new ArticleRequest(id) { User = User ?? HelpUser.Anonymous, Language = Language });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.ArticleFailed(id, ex);
            _article = null;
            _articleOffline = NoticeOffline();
        }
        finally
        {
            _loading = false;
        }

        if (moveFocus)
        {
            _focus = FocusTarget.Title;
        }
    }

    /// <summary>Gets a value indicating whether contact is offered here, now, by the contact policy and the channels configured.</summary>
    private bool ContactOffered => Options.Value.Contact.IsOffered(Session.Context.Resolve(_route), User ?? HelpUser.Anonymous, Session.Activity);

    /// <summary>
    /// "This solved my problem": the form closes on the page's help with thanks, whatever the store says; the answer is
    /// only lost to ranking when it cannot be stored.
    /// </summary>
    private async Task OnSolvedAsync(string articleId)
    {
        var subject = _memory.Contact.Subject;
        _memory.Contact = new HelpContactDraft { Name = _memory.Contact.Name, Email = _memory.Contact.Email };
        Nav.Finish(PanelView.Search);
        _deflected = true;
        _focus = FocusTarget.Search;
        try
        {
            await Answers.SaveSolvedAsync(Session, articleId, Language, _route, subject);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.SolvedNotStored(articleId, ex);
        }
    }

    private Task OpenContactAsync()
    {
        if (!ContactOffered)
        {
            return Task.CompletedTask;
        }

        _deflected = false;
        Nav.Navigate(PanelView.Contact);
        _focus = FocusTarget.Title;
        return Task.CompletedTask;
    }

    private Task OnTicketCreatedAsync(TicketReceipt receipt)
    {
        Session.RecordTicket(receipt);
        _memory.Receipt = receipt;
        _memory.ReceiptEmail = _memory.Contact.Email;
        _memory.Contact = new HelpContactDraft { Name = _memory.Contact.Name, Email = _memory.Contact.Email };
        Nav.Finish(PanelView.Receipt);
        _focus = FocusTarget.Receipt;
        return Task.CompletedTask;
    }

    private Task BackToSearchAsync()
    {
        Nav.StartOver();
        _focus = FocusTarget.Search;
        return Task.CompletedTask;
    }

    private async Task BackAsync()
    {
        if (Nav.TryGoBack(out var place))
        {
            await ShowAsync(place);
        }
    }

    private async Task ForwardAsync()
    {
        if (Nav.TryGoForward(out var place))
        {
            await ShowAsync(place);
        }
    }

    private async Task ShowAsync(PanelPlace place)
    {
        Nav.LeaveContactUnlessOffered(ContactOffered);
        if (place is { View: PanelView.Article, ArticleId: { } articleId } && _article?.Id != articleId)
        {
            await LoadArticleAsync(articleId);
        }

        _focus = Nav.View == PanelView.Search ? FocusTarget.Search : FocusTarget.Title;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Escape")
        {
            await CloseAsync();
        }
        else if (args.Key == "Enter" && _refinableQuery is { } query && _searchCancellation is { } cancellation)
        {
            await RefineAsync(query, cancellation.Token);
        }
    }

    private Task CloseAsync() => OnClose.InvokeAsync();

    private void OnLocationChanged(object? sender, LocationChangedEventArgs args)
    {
        _route = (Embedding ?? HelpAssets.Relative).Route(Navigation);
        // Where this page offers no contact (a Never rule), the form kept in the session waits for a page that does.
        Nav.LeaveContactUnlessOffered(ContactOffered);

        RefreshSuggestions();
    }

    private void OnContextChanged(object? sender, EventArgs args) => RefreshSuggestions();

    private void RefreshSuggestions()
    {
        if (Open || _opened)
        {
            _ = InvokeAsync(async () =>
            {
                _suggestionsKey = null;
                await LoadSuggestionsAsync();
                RecordSuggestionsShown();
                StateHasChanged();
            });
        }
    }

    /// <summary>Gets a value indicating whether e-mail, phone and chat are offered here while help is offline.</summary>
    private bool OfflineChannelsOffered => Options.Value.Contact.OffersChannelsOffline(Session.Context.Resolve(_route), User ?? HelpUser.Anonymous);

    /// <summary>After a failed call, reads whether help is offline now (a remote provider reports it as the call fails).</summary>
    /// <returns><see langword="true"/> when help is offline.</returns>
    private bool NoticeOffline()
    {
        _offline = _connectivity is { IsOnline: false };
        return _offline;
    }

    /// <summary>Raised on any thread: the panel looks at the state again on its own.</summary>
    private void OnConnectivityChanged(object? sender, EventArgs args) => _ = OnConnectivityChangedAsync();

    private async Task OnConnectivityChangedAsync()
    {
        try
        {
            await InvokeAsync(async () =>
            {
                if (_disposed)
                {
                    return;
                }

                var wasOffline = _offline;
                _offline = _connectivity is { IsOnline: false };
                if (wasOffline && !_offline && _opened)
                {
                    await CatchUpAsync();
                }

                StateHasChanged();
            });
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    /// <summary>Back online: loads again what could not be loaded while offline (suggestions, the search, the article), without moving focus.</summary>
    private async Task CatchUpAsync()
    {
        _suggestionsKey = null;
        await LoadSuggestionsAsync();
        if (_searchFailed && !string.IsNullOrWhiteSpace(_memory.Query))
        {
            await SearchAsync();
        }

        if (_articleOffline && Nav is { View: PanelView.Article, ArticleId: { } articleId } && !_loading)
        {
            await LoadArticleAsync(articleId, moveFocus: false);
        }
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
