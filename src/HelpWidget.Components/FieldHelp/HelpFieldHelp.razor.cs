using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace HelpWidget.Components;

/// <summary>
/// Help at a form field: a small <c>?</c> button that opens an article in the help panel, or shows a short tip
/// next to the field (with a link to the article when both are given).
/// </summary>
/// <example>
/// <code>
/// &lt;label for="cost-centre"&gt;Cost centre&lt;/label&gt;
/// &lt;input id="cost-centre" /&gt;
/// &lt;HelpFieldHelp Label="Cost centre" Tip="The four digits on your payslip." ArticleId="cost-centres" /&gt;
/// </code>
/// </example>
public sealed partial class HelpFieldHelp
{
    private readonly string _tipId = "hw-tip-" + Guid.NewGuid().ToString("N")[..8];
    private ElementReference _button;
    private bool _tipOpen;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    /// <summary>Gets or sets the id of the article the button opens in the help panel; <see langword="null"/> with a <see cref="Tip"/> only.</summary>
    [Parameter]
    public string? ArticleId { get; set; }

    /// <summary>Gets or sets a short tip shown next to the field when the button is pressed (plain text); <see langword="null"/> opens the article directly.</summary>
    [Parameter]
    public string? Tip { get; set; }

    /// <summary>Gets or sets the name of the field, as its label says, so the button is announced as "Help with <em>label</em>".</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>Gets or sets what the button shows instead of <c>?</c>.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Gets or sets CSS classes added to the root element.</summary>
    [Parameter]
    public string? Class { get; set; }

    /// <summary>Gets or sets attributes added to the root element.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    private string AccessibleName => string.IsNullOrWhiteSpace(Label) ? L["FieldHelpButton"] : L["FieldHelpButtonFor", Label];

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (string.IsNullOrWhiteSpace(ArticleId) && string.IsNullOrWhiteSpace(Tip))
        {
            throw new InvalidOperationException($"{nameof(HelpFieldHelp)} needs an {nameof(ArticleId)}, a {nameof(Tip)} or both.");
        }

        if (Tip is { Length: > 500 })
        {
            throw new InvalidOperationException($"{nameof(HelpFieldHelp)}.{nameof(Tip)} is longer than 500 characters: link to an article instead.");
        }

        ArticleId = string.IsNullOrWhiteSpace(ArticleId) ? null : ArticleId;
    }

    private Task OpenArticleAsync()
    {
        _tipOpen = false;
        return Session.ShowArticleAsync(ArticleId!, HelpArticleSource.FieldHelp);
    }

    private void ToggleTip() => _tipOpen = !_tipOpen;

    private async Task OnKeyDown(KeyboardEventArgs args)
    {
        if (args.Key == "Escape" && _tipOpen)
        {
            _tipOpen = false;
            await _button.FocusAsync();
        }
    }
}
