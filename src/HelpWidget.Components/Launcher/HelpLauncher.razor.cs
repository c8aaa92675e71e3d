using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components;

/// <summary>
/// The help button and the panel it opens: place it once in the app's layout. The panel shows help for the
/// current page, searches as the user types, shows articles and lets the user contact support.
/// </summary>
public partial class HelpLauncher
{
    private readonly string _panelId = "hw-panel-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _launcher;
    private bool _open;
    private bool _returnFocus;

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
}
