using System.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace HelpWidget.Components;

/// <summary>
/// The help button and the panel it opens: place it once in the app's layout. The panel shows help for the
/// current page, searches as the user types, shows articles and lets the user contact support.
/// </summary>
/// <remarks>
/// A link can open the panel in a given state: <c>?help=&lt;article-id&gt;</c> shows that article and
/// <c>?help-search=&lt;text&gt;</c> shows that search, so support can send a link straight to the answer.
/// </remarks>
public partial class HelpLauncher : IDisposable
{
    /// <summary>The query parameter that opens the panel on an article.</summary>
    public const string ArticleParameter = "help";

    /// <summary>The query parameter that opens the panel on a search.</summary>
    public const string SearchParameter = "help-search";

    private readonly string _panelId = "hw-panel-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _launcher;
    private bool _open;
    private bool _returnFocus;
    private HelpPanelStart? _start;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Gets or sets CSS classes added to the widget's root element.</summary>
    [Parameter]
    public string? Class { get; set; }

    /// <summary>Gets or sets the signed-in user; results are limited to what this user may see. <see langword="null"/> means anonymous.</summary>
    [Parameter]
    public HelpUser? User { get; set; }

    /// <summary>Gets or sets attributes added to the widget's root element.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <inheritdoc />
    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        OpenFromLink(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_returnFocus)
        {
            _returnFocus = false;
            await _launcher.FocusAsync();
        }
    }

    private void ToggleAsync()
    {
        _open = !_open;
        _returnFocus = !_open;
    }

    private void CloseAsync()
    {
        _open = false;
        _returnFocus = true;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        if (OpenFromLink(e.Location))
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    /// <summary>Opens the panel when the address carries a help link; other addresses change nothing.</summary>
    private bool OpenFromLink(string uri)
    {
        var question = uri.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return false;
        }

        var end = uri.IndexOf('#', question);
        var query = HttpUtility.ParseQueryString(end < 0 ? uri[(question + 1)..] : uri[(question + 1)..end]);
        var start = query[ArticleParameter] is { Length: > 0 } article ? new HelpPanelStart(ArticleId: article)
            : query[SearchParameter] is { Length: > 0 } search ? new HelpPanelStart(Query: search)
            : null;
        if (start is null)
        {
            return false;
        }

        _start = start;
        _open = true;
        return true;
    }
}
