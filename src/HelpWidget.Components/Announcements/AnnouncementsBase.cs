using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

/// <summary>
/// Loads the announcements for where the user is and keeps them current: on navigation, when the page's declared
/// context changes and when the user dismisses one anywhere on the page.
/// </summary>
public abstract class AnnouncementsBase : ComponentBase, IDisposable
{
    private string? _loadedFor;
    private string? _focusAfterDismiss;
    private int _loads;
    private bool _reloadQueued;

    /// <summary>
    /// Gets or sets the signed-in user; audiences and stored dismissals follow it. <see langword="null"/> takes the
    /// user from the app's authentication state when it has one, else anonymous.
    /// </summary>
    [Parameter]
    public HelpUser? User { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private HelpUser EffectiveUser { get; set; } = HelpUser.Anonymous;

    /// <summary>Gets the announcements shown.</summary>
    protected IReadOnlyList<HelpAnnouncement> Items { get; private set; } = [];

    /// <summary>Gets the dismiss buttons by announcement id, so that focus can move to a neighbour when one is dismissed.</summary>
    private protected Dictionary<string, ElementReference> DismissButtons { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the element that says an announcement was dismissed; it takes focus when none is left.</summary>
    private protected ElementReference DismissedStatus { get; set; }

    /// <summary>Gets the confirmation of the last dismissal; <see langword="null"/> until the user dismisses one.</summary>
    private protected string? DismissedText { get; private set; }

    /// <summary>Gets the localised texts.</summary>
    [Inject]
    protected IStringLocalizer<HelpWidgetStrings> L { get; private set; } = default!;

    [Inject]
    private HelpAnnouncementService Announcements { get; set; } = default!;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Where the page's routes count from when the widget is embedded in another origin's page.</summary>
    [CascadingParameter]
    private HelpAssets? Embedding { get; set; }

    [Inject]
    private ILogger<AnnouncementsBase> Logger { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<HelpWidgetOptions> Options { get; set; } = default!;

    /// <inheritdoc />
    public void Dispose()
    {
        Navigation.LocationChanged -= OnChanged;
        Session.Context.Changed -= OnChanged;
        Announcements.Dismissed -= OnDismissed;
        GC.SuppressFinalize(this);
    }

    /// <summary>Chooses which of the current announcements this component shows.</summary>
    /// <param name="announcement">An announcement for the user, here and now.</param>
    /// <returns><see langword="true"/> to show it.</returns>
    protected abstract bool Shows(HelpAnnouncement announcement);

    /// <summary>Dismisses an announcement for the user.</summary>
    /// <param name="id">The announcement's id.</param>
    /// <returns>A task that completes when the dismissal is remembered.</returns>
    protected async Task DismissAsync(string id)
    {
        // Focus would otherwise fall to the page with the removed button: it moves to the next announcement's
        // button (the previous one's after the last), or to the confirmation when none is left.
        var index = Items.ToList().FindIndex(a => a.Id == id);
        var neighbour = index + 1 < Items.Count ? Items[index + 1] : index > 0 ? Items[index - 1] : null;
        _focusAfterDismiss = neighbour?.Id ?? string.Empty;
        DismissedText = L["AnnouncementDismissed"];
        Items = [.. Items.Where(a => a.Id != id)];
        DismissButtons.Remove(id);
        try
        {
            await Announcements.DismissAsync(EffectiveUser, id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store is unavailable: the announcement stays hidden for this session, which is what the user asked.
            Logger.DismissalNotStored(id, ex);
        }
    }

    /// <summary>Gets the CSS class of a severity.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The class, such as <c>hw-severity-outage</c>.</returns>
    protected static string SeverityClass(AnnouncementSeverity severity) => "hw-severity-" + severity.ToString().ToLowerInvariant();

    /// <summary>Gets the localised name of a severity, shown as text so it is never told by colour alone.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The name.</returns>
    protected string SeverityName(AnnouncementSeverity severity) => L["Severity" + severity];

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Navigation.LocationChanged += OnChanged;
        Session.Context.Changed += OnChanged;
        Announcements.Dismissed += OnDismissed;
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusAfterDismiss is not { } target)
        {
            return;
        }

        _focusAfterDismiss = null;
        var element = target.Length > 0 && DismissButtons.TryGetValue(target, out var button) ? button : DismissedStatus;
        try
        {
            await element.FocusAsync();
        }
        catch (Exception ex) when (ex is Microsoft.JSInterop.JSException or InvalidOperationException or TaskCanceledException)
        {
            // The element left the page meanwhile (a navigation), or the circuit is gone: there is nothing to focus.
        }
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        EffectiveUser = User ?? (AuthenticationState is null ? HelpUser.Anonymous : HelpUser.FromClaims((await AuthenticationState).User));
        await LoadAsync(force: false);
    }

    private async Task LoadAsync(bool force)
    {
        var route = (Embedding ?? HelpAssets.Relative).Route(Navigation);
        var language = Options.Value.LanguageFor(CultureInfo.CurrentUICulture);
        var key = $"{route}|{EffectiveUser.Id}|{language}";
        if (!force && key == _loadedFor)
        {
            return;
        }

        _loadedFor = key;
        var load = ++_loads;
        var all = await Announcements.GetCurrentAsync(EffectiveUser, Session.Context.Resolve(route), language);
        if (load == _loads)
        {
            // Only the latest load is shown: an older one that finishes late belongs to a page the user has left.
            Items = [.. all.Where(Shows)];
        }
    }

    /// <summary>
    /// A navigation changes the route and the page's declared contexts in one go: the changes are gathered into one
    /// load once the renderer has handled them.
    /// </summary>
    private void OnChanged(object? sender, EventArgs e)
    {
        if (_reloadQueued)
        {
            return;
        }

        _reloadQueued = true;
        _ = InvokeAsync(async () =>
        {
            await Task.Yield();
            _reloadQueued = false;
            await LoadAsync(force: true);
            StateHasChanged();
        });
    }

    private void OnDismissed(object? sender, string id) => _ = InvokeAsync(() =>
    {
        Items = [.. Items.Where(a => a.Id != id)];
        StateHasChanged();
    });
}
