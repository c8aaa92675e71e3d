using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace HelpWidget.Components;

/// <summary>Shows one article and asks "Was this helpful?".</summary>
public sealed partial class HelpArticleView
{
    private readonly string _titleId = "hw-article-" + Guid.NewGuid().ToString("N")[..8];
    private string _html = string.Empty;
    private bool? _answer;
    private bool _saving;
    private string _status = string.Empty;

    [Inject]
    private IHelpStore Store { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>Gets or sets the article to show.</summary>
    [Parameter]
    [EditorRequired]
    public HelpArticle Article { get; set; } = default!;

    /// <summary>Gets or sets the route of the page the article is read on; <see langword="null"/> when unknown.</summary>
    [Parameter]
    public string? Route { get; set; }

    /// <summary>Gets or sets the callback invoked when the user asks to contact support after a "No".</summary>
    [Parameter]
    public EventCallback OnContact { get; set; }

    private string QuestionId => _titleId + "-question";

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (Article is null)
        {
            throw new InvalidOperationException($"{nameof(HelpArticleView)} requires the {nameof(Article)} parameter.");
        }

        _html = ShiftHeadings(Article.Html);
    }

    /// <summary>The article's own headings sit below its title (h3) in the panel.</summary>
    internal static string ShiftHeadings(string html) =>
        HeadingTag().Replace(html, match => $"<{match.Groups[1].Value}h{Math.Min(6, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + 3)}");

    private async Task AnswerAsync(bool helpful)
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        try
        {
            await Store.SaveFeedbackAsync(new ArticleFeedback
            {
                ArticleId = Article.Id,
                Language = Article.Language,
                Helpful = helpful,
                Route = Route,
                CreatedAt = Time.GetUtcNow(),
            });
            _answer = helpful;
            _status = helpful ? L["FeedbackThanks"] : L["FeedbackSorry"];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _status = L["FeedbackFailed"];
        }
        finally
        {
            _saving = false;
        }
    }

    [GeneratedRegex("<(/?)h([1-6])(?=[\\s>])", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingTag();
}
