using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components;

/// <summary>
/// Declares the help context of a page or a part of it: context keys, tags and a topic. While it is on the page,
/// the panel's suggestions and search favour articles for that context. Scopes nest; the context joins them all.
/// </summary>
/// <example>
/// <code>
/// &lt;HelpContextScope Keys="expenses" Tags="receipts, travel" Topic="Expense claims"&gt;
///     ...the page...
/// &lt;/HelpContextScope&gt;
/// </code>
/// </example>
/// <remarks>Declarations reach the panel from interactive components; a static page is matched by its route alone.</remarks>
public sealed partial class HelpContextScope
{
    private IDisposable? _declaration;
    private string? _declared;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    /// <summary>Gets or sets the context keys, separated by commas, such as <c>expenses</c>; articles list them under <c>contexts</c>.</summary>
    [Parameter]
    public string? Keys { get; set; }

    /// <summary>Gets or sets tags, separated by commas, matched against the articles' tags.</summary>
    [Parameter]
    public string? Tags { get; set; }

    /// <summary>Gets or sets what the user is doing here, such as <c>Expense claims</c>; the panel shows it above its suggestions.</summary>
    [Parameter]
    public string? Topic { get; set; }

    /// <summary>Gets or sets the content the context applies to.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Gets the scope this one is nested in; <see langword="null"/> for the outermost.</summary>
    [CascadingParameter]
    public HelpContextScope? Parent { get; set; }

    /// <inheritdoc />
    public void Dispose() => _declaration?.Dispose();

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        var signature = $"{Keys}\u0001{Tags}\u0001{Topic}";
        if (signature == _declared)
        {
            return;
        }

        var declaration = new HelpContextDeclaration { Keys = Split(Keys), Tags = Split(Tags), Topic = string.IsNullOrWhiteSpace(Topic) ? null : Topic.Trim() };
        try
        {
            declaration.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{nameof(HelpContextScope)}: {ex.Message}", ex);
        }

        _declaration?.Dispose();
        _declaration = Session.Context.Declare(declaration);
        _declared = signature;
    }

    private static string[] Split(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
