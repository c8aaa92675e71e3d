using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpWidget.AspNetCore.TagHelpers;

/// <summary>
/// <c>&lt;help-field article="expense-mileage" label="Category" /&gt;</c>, next to a form field: a small <c>?</c>
/// button that opens the help panel on the article (the embed of <c>&lt;help-widget&gt;</c> loads the panel if it has
/// not yet). Its accessible name is "Help with <em>label</em>" in the request's language (English, Swedish, Norwegian,
/// Danish or Finnish). Attributes such as <c>class</c> are kept; the button has the class <c>helpwidget-field-help</c>
/// for the app's styles.
/// </summary>
/// <remarks>
/// The article is an article's id and the label at most 100 characters without control characters. In Development a
/// value that breaks a rule fails the page with the rule; elsewhere the button is left out with a warning in the log.
/// </remarks>
[HtmlTargetElement("help-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class HelpFieldTagHelper : TagHelper
{
    /// <summary>Gets or sets the id of the article the button opens, such as <c>expense-mileage</c>.</summary>
    [HtmlAttributeName("article")]
    public string? Article { get; set; }

    /// <summary>Gets or sets the field's name as its label says, so the button is announced as "Help with <em>label</em>"; <see langword="null"/> names it "Help".</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    /// <summary>Gets or sets the view's context, set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">(In Development) the article or the label breaks its rule.</exception>
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var http = ViewContext.HttpContext;
        if ((TagHelperInput.ArticleProblem(Article) ?? TagHelperInput.LabelProblem(Label)) is { } problem)
        {
            output.SuppressOutput();
            TagHelperInput.Refuse(http, "help-field", problem);
            return;
        }

        output.TagName = "button";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", "button");
        output.AddClass("helpwidget-field-help", HtmlEncoder.Default);
        output.Attributes.SetAttribute("data-helpwidget-article", Article);
        output.Attributes.SetAttribute("aria-label", TagHelperText.FieldHelpName(Label));
        output.Content.SetHtmlContent("<span aria-hidden=\"true\">?</span>");
    }
}
