using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpWidget.AspNetCore.TagHelpers;

/// <summary>
/// <c>&lt;help-context topic="expenses" /&gt;</c>, in a page or view: declares the page's help context, which the
/// layout's <c>&lt;help-widget&gt;</c> passes to the panel, so its suggestions and search favour the articles that
/// list the topic under <c>contexts</c> (besides those for the page's route). Renders nothing. A page renders before
/// its layout, and the first declaration of a request wins, so a page's topic wins over a layout's default.
/// </summary>
/// <remarks>
/// A topic is 1 to 100 characters without control characters or markup. In Development a topic that breaks the rule
/// fails the page with the rule; elsewhere it is left out with a warning in the log.
/// </remarks>
[HtmlTargetElement("help-context", TagStructure = TagStructure.WithoutEndTag)]
public sealed class HelpContextTagHelper : TagHelper
{
    /// <summary>Gets or sets the page's help context, such as <c>expenses</c>: a key that articles list under <c>contexts</c>.</summary>
    [HtmlAttributeName("topic")]
    public string? Topic { get; set; }

    /// <summary>Gets or sets the view's context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">(In Development) the topic breaks the rule.</exception>
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.SuppressOutput();
        var http = ViewContext.HttpContext;
        if (TagHelperInput.TopicProblem(Topic) is { } problem)
        {
            TagHelperInput.Refuse(http, "help-context", problem);
            return;
        }

        HelpPageContext.Declare(http, Topic!.Trim());
    }
}
