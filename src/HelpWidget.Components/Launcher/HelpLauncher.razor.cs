using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace HelpWidget.Components;

/// <summary>
/// The help button and the panel it opens: place it once in the app's layout. The panel shows help for the
/// current page, searches as the user types, shows articles and lets the user contact support.
/// </summary>
/// <remarks>
/// A link can open the panel in a given state: <c>?help=&lt;article-id&gt;</c> shows that article and
/// <c>?help-search=&lt;text&gt;</c> shows that search, so support can send a link straight to the answer.
/// <para>
/// The launcher needs an interactive render mode, its own or one of a component around it. Until it is interactive its
/// button is disabled and looks it; rendered as static HTML it stays so, logs a warning and, in the Development
/// environment, shows a note beside the button saying what to change.
/// </para>
/// </remarks>
public partial class HelpLauncher : IAsyncDisposable
{
    /// <summary>The query parameter that opens the panel on an article.</summary>
    public const string ArticleParameter = "help";

    /// <summary>The query parameter that opens the panel on a search.</summary>
    public const string SearchParameter = "help-search";

    private readonly string _panelId = "hw-panel-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _noteId = "hw-note-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _launcher;
    private ElementReference _root;
    private bool _open;
    private bool _returnFocus;
    private HelpPanelStart? _start;
    private DotNetObjectReference<HelpLauncher>? _selfReference;
    private const string ModulePath = "Launcher/HelpLauncher.razor.js";

    /// <summary>The panel's stylesheet in the package's content; the module links it by the same name, beside itself.</summary>
    internal const string PanelStylesFile = "helpwidget-panel.css";
    private Task<IJSObjectReference>? _moduleImport;
    private IJSObjectReference? _module;
    private IJSObjectReference? _shortcutHandle;
    private bool _disposed;
    private HelpUser? _claimsUser;
    private bool _static;
    private bool _showStaticNote;

    /// <summary>Whether the roll-out shows the button to this user on this route (the panel is there either way).</summary>
    private bool _shown = true;
    private System.Security.Claims.ClaimsPrincipal? _principal;
    private IDisposable? _rolloutChanged;

    /// <summary>Whether the panel's stylesheet has loaded (or failed to: an unstyled panel beats none).</summary>
    private bool _panelStyled;
    private bool _loadingPanelStyles;
    private bool _startingShortcut;

    private string ThemeAttribute { get; set; } = "page";

    private string PositionAttribute { get; set; } = "end";

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Where the launcher's script is served from: the page's own origin unless the widget is embedded.</summary>
    [CascadingParameter]
    private HelpAssets? FileLocation { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    [Inject]
    private ILogger<HelpLauncher> Logger { get; set; } = default!;

    [Inject]
    private HelpHost Host { get; set; } = default!;

    [Inject]
    private IHelpRollout Rollout { get; set; } = default!;

    [Inject]
    private IOptionsMonitor<HelpRolloutOptions> RolloutOptions { get; set; } = default!;

    /// <summary>Gets or sets the callback invoked when the panel opened.</summary>
    [Parameter]
    public EventCallback OnOpened { get; set; }

    /// <summary>Gets or sets the callback invoked when the panel closed.</summary>
    [Parameter]
    public EventCallback OnClosed { get; set; }

    /// <summary>Gets or sets the callback invoked when a search completed.</summary>
    [Parameter]
    public EventCallback<HelpSearchedEventArgs> OnSearched { get; set; }

    /// <summary>Gets or sets the callback invoked when the user opened an article.</summary>
    [Parameter]
    public EventCallback<HelpArticleViewedEventArgs> OnArticleViewed { get; set; }

    /// <summary>Gets or sets the callback invoked when an answer to "Was this helpful?" was stored.</summary>
    [Parameter]
    public EventCallback<HelpVotedEventArgs> OnVoted { get; set; }

    /// <summary>Gets or sets the callback invoked when a ticket was stored.</summary>
    [Parameter]
    public EventCallback<HelpTicketCreatedEventArgs> OnTicketCreated { get; set; }

    [Inject]
    private IOptions<HelpLauncherOptions> Options { get; set; } = default!;

    /// <summary>
    /// Gets or sets the key that opens the panel from anywhere on the page except while typing in a field, such as
    /// <c>?</c> or <c>Alt+Shift+H</c>; <see langword="null"/> or empty turns the shortcut off. Defaults to <c>?</c>.
    /// </summary>
    [Parameter]
    public string? Shortcut { get; set; } = "?";

    /// <summary>
    /// Gets or sets the colour theme: <see cref="HelpTheme.Page"/> follows the <c>color-scheme</c> the host page declares
    /// (light when it declares none), <see cref="HelpTheme.Auto"/> follows the user's system setting, <see cref="HelpTheme.Light"/>
    /// and <see cref="HelpTheme.Dark"/> force one. Defaults to <see langword="null"/>, which uses <see cref="HelpLauncherOptions.Theme"/>
    /// (<see cref="HelpTheme.Page"/> unless configured).
    /// </summary>
    [Parameter]
    public HelpTheme? Theme { get; set; }

    /// <summary>
    /// Gets or sets the bottom corner of the Help button and the panel. Defaults to <see langword="null"/>, which uses
    /// <see cref="HelpLauncherOptions.Position"/> (<see cref="HelpPosition.End"/>, bottom right on left-to-right pages, unless configured).
    /// </summary>
    [Parameter]
    public HelpPosition? Position { get; set; }

    /// <summary>Gets or sets CSS classes added to the widget's root element.</summary>
    [Parameter]
    public string? Class { get; set; }

    /// <summary>
    /// Gets or sets the signed-in user; results are limited to what this user may see. <see langword="null"/> takes
    /// the user from the app's authentication state (name, e-mail and roles from the claims), when it has one.
    /// </summary>
    [Parameter]
    public HelpUser? User { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private HelpUser? EffectiveUser => User ?? _claimsUser;

    private string PanelStylesPath => (FileLocation ?? HelpAssets.Relative).Resolve(PanelStylesFile);

    /// <summary>The panel shows once it is open and its styles are in, so it is never seen unstyled.</summary>
    private bool PanelShown => _open && _panelStyled;

    /// <summary>Gets or sets attributes added to the widget's root element.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <summary>Opens the panel with the cursor in the search box, as the Help button and the shortcut do.</summary>
    /// <returns>A task that completes when the panel is rendered open.</returns>
    [JSInvokable]
    public Task OpenAsync() => InvokeAsync(() =>
    {
        if (!_open)
        {
            SetOpen(true);
            StateHasChanged();
        }
    });

    /// <summary>Records the time zone the user's browser reports, so it travels with a ticket. Called by the widget's script.</summary>
    /// <param name="timeZone">An IANA time zone id such as <c>Europe/Oslo</c>; anything else is ignored.</param>
    [JSInvokable]
    public void ReportTimeZone(string? timeZone)
    {
        if (HelpSessionContext.IsTimeZoneId(timeZone))
        {
            Session.Context.TimeZone = timeZone;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _rolloutChanged?.Dispose();
        Navigation.LocationChanged -= OnLocationChanged;
        Session.Requested -= OnRequestedAsync;
        Session.Opened -= OnSessionOpened;
        Session.Closed -= OnSessionClosed;
        Session.Searched -= OnSessionSearched;
        Session.ArticleViewed -= OnSessionArticleViewed;
        Session.Voted -= OnSessionVoted;
        Session.TicketCreated -= OnSessionTicketCreated;
        try
        {
            await StopShortcutAsync();
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone and the page with it: there is no listener left to remove.
        }

        _selfReference?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        // Prerendering an interactive launcher is fine (it has an assigned render mode and becomes interactive);
        // a launcher rendered as static HTML never does.
        if (!RendererInfo.IsInteractive && AssignedRenderMode is null)
        {
            _static = true;
            Logger.RenderedStatically(new Uri(Navigation.Uri).AbsolutePath);

            // A WebAssembly app has no host environment (never Development here), and it never renders statically anyway.
            _showStaticNote = Host.IsDevelopment;
        }

        // A launcher rendered anew in the same session (another layout) opens as the user left it.
        _open = Session.IsOpen;
        OpenFromLink(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;

        // A change of the roll-out's settings shows or hides the button at once, without a reload of the page.
        _rolloutChanged = RolloutOptions.OnChange((_, _) => _ = InvokeAsync(() =>
        {
            if (!_disposed && UpdateShown())
            {
                StateHasChanged();
            }
        }));
        Session.Requested += OnRequestedAsync;
        Session.Opened += OnSessionOpened;
        Session.Closed += OnSessionClosed;
        Session.Searched += OnSessionSearched;
        Session.ArticleViewed += OnSessionArticleViewed;
        Session.Voted += OnSessionVoted;
        Session.TicketCreated += OnSessionTicketCreated;
        if (Session.TakePendingRequest() is { } pending)
        {
            Apply(pending);
        }
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (AuthenticationState is not null)
        {
            _principal = (await AuthenticationState).User;
            if (User is null)
            {
                _claimsUser = HelpUser.FromClaims(_principal);
            }
        }

        UpdateShown();

        if (EffectiveUser is { Id: not null } user)
        {
            // Set before the panel first opens, so the first help session is the user's (a keyed hash of the id).
            Session.User = user;
        }
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var theme = Theme ?? Options.Value.Theme;
        if (!Enum.IsDefined(theme))
        {
            throw new InvalidOperationException($"{nameof(HelpLauncher)}.{nameof(Theme)} is {(int)theme}, which is not a {nameof(HelpTheme)}.");
        }

        var position = Position ?? Options.Value.Position;
        if (!Enum.IsDefined(position))
        {
            throw new InvalidOperationException($"{nameof(HelpLauncher)}.{nameof(Position)} is {(int)position}, which is not a {nameof(HelpPosition)}.");
        }

        // The styles key on these attributes: lower-case names, as CSS attribute selectors compare them.
        ThemeAttribute = theme.ToString().ToLowerInvariant();
        PositionAttribute = position.ToString().ToLowerInvariant();
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The shortcut belongs to the button: on while it is shown, off while the roll-out hides it.
        if (_shown && _shortcutHandle is null && !_startingShortcut && !string.IsNullOrWhiteSpace(Shortcut))
        {
            await StartShortcutAsync(Shortcut);
        }
        else if (!_shown && _shortcutHandle is not null)
        {
            await StopShortcutAsync();
        }

        if (_returnFocus)
        {
            _returnFocus = false;
            if (_shown)
            {
                await _launcher.FocusAsync();
            }
        }

        // After a render, not in SetOpen: a panel opened while prerendering (a help link) loads them once interactive.
        if (_open && !_panelStyled && !_loadingPanelStyles && RendererInfo.IsInteractive)
        {
            await LoadPanelStylesAsync();
        }
    }

    private void ToggleAsync()
    {
        SetOpen(!_open);
        _returnFocus = !_open;
    }

    private void CloseAsync()
    {
        SetOpen(false);
        _returnFocus = true;
    }

    private void SetOpen(bool open)
    {
        _open = open;
        if (open)
        {
            Session.RecordOpened();
        }
        else
        {
            Session.RecordClosed();
        }
    }

    private Task OnRequestedAsync(HelpPanelRequest request) => InvokeAsync(() =>
    {
        Apply(request);
        StateHasChanged();
    });

    private void Apply(HelpPanelRequest request)
    {
        switch (request.Action)
        {
            case HelpPanelAction.Close:
                if (_open)
                {
                    CloseAsync();
                }

                return;
            case HelpPanelAction.Search:
                _start = new HelpPanelStart(Query: request.Query);
                break;
            case HelpPanelAction.ShowArticle:
                _start = new HelpPanelStart(ArticleId: request.ArticleId);
                break;
            case HelpPanelAction.Contact:
                _start = new HelpPanelStart { Contact = true, Subject = request.Subject, Description = request.Description };
                break;
        }

        SetOpen(true);
    }

    private void OnSessionOpened(object? sender, EventArgs e) => Raise(OnOpened.InvokeAsync);

    private void OnSessionClosed(object? sender, EventArgs e) => Raise(OnClosed.InvokeAsync);

    private void OnSessionSearched(object? sender, HelpSearchedEventArgs e) => Raise(() => OnSearched.InvokeAsync(e));

    private void OnSessionArticleViewed(object? sender, HelpArticleViewedEventArgs e) => Raise(() => OnArticleViewed.InvokeAsync(e));

    private void OnSessionVoted(object? sender, HelpVotedEventArgs e) => Raise(() => OnVoted.InvokeAsync(e));

    private void OnSessionTicketCreated(object? sender, HelpTicketCreatedEventArgs e) => Raise(() => OnTicketCreated.InvokeAsync(e));

    /// <summary>
    /// Calls one of the host's callbacks without holding up the help panel. An exception it throws reaches the app the
    /// way an exception in its own component would (its error boundary, or the circuit's error handling), instead of
    /// being lost.
    /// </summary>
    private void Raise(Func<Task> callback) => _ = InvokeAsync(async () =>
    {
        try
        {
            await callback();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task StartShortcutAsync(string shortcut)
    {
        if (shortcut.Length > 40 || shortcut.Any(char.IsControl))
        {
            throw new InvalidOperationException($"{nameof(HelpLauncher)}.{nameof(Shortcut)} must be a key such as '?' or 'Alt+Shift+H', of at most 40 characters.");
        }

        var module = await ImportModuleAsync();
        if (module is null)
        {
            return;
        }

        _selfReference ??= DotNetObjectReference.Create(this);
        _startingShortcut = true;
        try
        {
            _shortcutHandle = await module.InvokeAsync<IJSObjectReference>("init", _selfReference, shortcut, _launcher);
        }
        finally
        {
            _startingShortcut = false;
        }

        if (_disposed)
        {
            // Disposed while the listener was being added: remove it again.
            await StopShortcutAsync();
            await module.DisposeAsync();
            _selfReference.Dispose();
        }
    }

    private async Task StopShortcutAsync()
    {
        if (_shortcutHandle is { } handle)
        {
            _shortcutHandle = null;
            await handle.InvokeVoidAsync("dispose");
            await handle.DisposeAsync();
        }
    }

    /// <summary>Asks the roll-out whether this user sees the button on this page; <see langword="true"/> when the answer changed.</summary>
    private bool UpdateShown(string? uri = null)
    {
        var route = "/" + Navigation.ToBaseRelativePath(uri ?? Navigation.Uri);
        var shown = Rollout.ShowsLauncher(EffectiveUser ?? HelpUser.Anonymous, route, _principal?.Claims);
        if (shown == _shown)
        {
            return false;
        }

        _shown = shown;
        return true;
    }

    /// <summary>Imports the launcher's module once (for the shortcut and the panel's styles); <see langword="null"/> when disposed meanwhile.</summary>
    private async Task<IJSObjectReference?> ImportModuleAsync()
    {
        _moduleImport ??= JS.InvokeAsync<IJSObjectReference>("import", (FileLocation ?? HelpAssets.Relative).Resolve(ModulePath)).AsTask();
        _module = await _moduleImport;
        if (_disposed)
        {
            // Disposed while the module loaded: release it instead of working for a page that has moved on.
            await _module.DisposeAsync();
            return null;
        }

        return _module;
    }

    /// <summary>
    /// Loads the panel's stylesheet (not in the app's bundle, so a page that never opens help does not download it),
    /// then shows the panel: styled from its first frame.
    /// </summary>
    private async Task LoadPanelStylesAsync()
    {
        _loadingPanelStyles = true;
        try
        {
            var module = await ImportModuleAsync();
            if (module is null)
            {
                return;
            }

            if (!await module.InvokeAsync<bool>("loadPanelStyles", _root))
            {
                Logger.PanelStylesFailed(PanelStylesPath);
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone: there is no page left to show the panel on.
            return;
        }
        catch (Exception ex) when (ex is JSException or OperationCanceledException)
        {
            // The module could not be loaded, or the sheet took longer than interop waits: open the panel unstyled.
            Logger.PanelStylesFailed(PanelStylesPath, ex);
        }
        finally
        {
            _loadingPanelStyles = false;
        }

        if (!_disposed)
        {
            _panelStyled = true;
            StateHasChanged();
        }
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        // Both, not either: a help link to another route also moves the button in or out of the roll-out's routes.
        _ = InvokeAsync(() =>
        {
            if (!_disposed && (OpenFromLink(e.Location) | UpdateShown(e.Location)))
            {
                StateHasChanged();
            }
        });
    }

    /// <summary>Opens the panel when the address carries a help link; other addresses change nothing.</summary>
    private bool OpenFromLink(string uri)
    {
        var start = NavigationManagerExtensions.QueryParameter(uri, ArticleParameter) is { Length: > 0 } article ? new HelpPanelStart(ArticleId: article)
            : NavigationManagerExtensions.QueryParameter(uri, SearchParameter) is { Length: > 0 } search ? new HelpPanelStart(Query: search)
            : null;
        if (start is null)
        {
            return false;
        }

        _start = start;
        SetOpen(true);
        return true;
    }
}
