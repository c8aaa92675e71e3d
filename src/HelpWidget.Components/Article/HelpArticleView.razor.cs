using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

/// <summary>Shows one article and asks "Was this helpful?".</summary>
public sealed partial class HelpArticleView
{
    /// <summary>The most related articles listed under an article.</summary>
    public const int MaxRelated = 5;

    /// <summary>The reasons a reader can give for "No", as stored and as shown.</summary>
    private static readonly (string Code, string Text)[] s_reasons =
    [
        ("inaccurate", "ReasonInaccurate"),
        ("confusing", "ReasonConfusing"),
        ("missing-steps", "ReasonMissingSteps"),
        ("not-what-i-looked-for", "ReasonNotWhatILookedFor"),
        ("other", "ReasonOther"),
    ];

    private readonly string _feedbackId = Guid.NewGuid().ToString("N");
    private string? _reason;
    private string _comment = string.Empty;
    private bool _detailsSent;

    private readonly string _titleId = "hw-article-" + Guid.NewGuid().ToString("N")[..8];
    private string _html = string.Empty;
    private bool? _answer;
    private bool _saving;
    private ElementReference _feedbackGroup;
    private bool _focusFeedback;
    private string _status = string.Empty;
    private IReadOnlyList<HelpArticle> _related = [];
    private HelpArticle? _relatedFor;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<HelpWidgetOptions> Options { get; set; } = default!;

    [Inject]
    private HelpSession Session { get; set; } = default!;

    [Inject]
    private IKnowledgeProvider Knowledge { get; set; } = default!;

    [Inject]
    private ArticleAnswers Answers { get; set; } = default!;

    [Inject]
    private ILogger<HelpArticleView> Logger { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    /// <summary>Gets or sets the article to show.</summary>
    [Parameter]
    [EditorRequired]
    public HelpArticle Article { get; set; } = default!;

    /// <summary>Gets or sets the route of the page the article is read on; <see langword="null"/> when unknown.</summary>
    [Parameter]
    public string? Route { get; set; }

    /// <summary>
    /// Gets or sets the search after which the user reached the article; <see langword="null"/> when they did not come
    /// from search results. A "Yes" teaches the search engine this way of asking for the article; personal data in it is
    /// removed before it is stored.
    /// </summary>
    [Parameter]
    public string? Query { get; set; }

    /// <summary>Gets or sets the signed-in user; related articles are limited to what this user may see.</summary>
    [Parameter]
    public HelpUser? User { get; set; }

    /// <summary>Gets or sets the callback invoked with an article id when the user opens a related article.</summary>
    [Parameter]
    public EventCallback<string> OnOpenArticle { get; set; }

    /// <summary>
    /// Gets or sets the callback invoked when the user chooses "Contact support" at the end of the article. Without a
    /// delegate the article offers no contact: the host sets one only where its contact policy offers contact.
    /// </summary>
    [Parameter]
    public EventCallback OnContact { get; set; }

    private string QuestionId => _titleId + "-question";

    private string RelatedId => _titleId + "-related";

    private string ReasonGroup => _titleId + "-reason";

    private string CommentId => _titleId + "-comment";

    /// <summary>The name of the article's language, in the user's language, when it differs from the user's; otherwise <see langword="null"/>.</summary>
    private string? FallbackLanguageName
    {
        get
        {
            var user = Options.Value.LanguageFor(System.Globalization.CultureInfo.CurrentUICulture);
            if (string.Equals(user.Split('-')[0], Article.Language, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return LanguageName(Article.Language, System.Globalization.CultureInfo.GetCultureInfo);
        }
    }

    /// <summary>
    /// The display name of a language tag from <paramref name="lookup"/>'s culture data, or the tag itself when the
    /// process has no data for it: a globalization-invariant process throws for every culture but the invariant one,
    /// or (with predefined cultures turned off) answers with the invariant culture's data under the tag's name.
    /// </summary>
    internal static string LanguageName(string tag, Func<string, System.Globalization.CultureInfo> lookup)
    {
        try
        {
            var culture = lookup(tag);
            return culture.Name.Length > 0 && culture.TwoLetterISOLanguageName != "iv" && culture.DisplayName.Length > 0
                ? culture.DisplayName
                : tag;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return tag;
        }
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (Article is null)
        {
            throw new InvalidOperationException($"{nameof(HelpArticleView)} requires the {nameof(Article)} parameter.");
        }

        _html = ShiftHeadings(Article.Html);
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(_relatedFor, Article))
        {
            return;
        }

        _relatedFor = Article;
        _related = [];
        var related = new List<HelpArticle>();
        foreach (var id in Article.Related.Where(id => id != Article.Id).Distinct(StringComparer.Ordinal).Take(MaxRelated))
        {
            try
            {
                if (await Knowledge.GetArticleAsync(new ArticleRequest(id) { User = User ?? HelpUser.Anonymous, Language = Options.Value.LanguageFor(System.Globalization.CultureInfo.CurrentUICulture) }) is { } article)
                {
                    related.Add(article);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A related article that cannot be read is left out; the article itself is shown.
                Logger.RelatedArticleFailed(id, ex);
            }
        }

        _related = related;
    }

    /// <summary>The article's own headings sit below its title (h3) in the panel.</summary>
    internal static string ShiftHeadings(string html)
    {
        // A scan, not a regular expression: the engine would be the largest thing the widget brings to a WebAssembly app.
        // The HTML is the article source's sanitised output, so a '<' in text arrives escaped and only tags are matched.
        System.Text.StringBuilder? shifted = null;
        var copied = 0;
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0; i = html.IndexOf('<', i + 1))
        {
            var h = i + 1 < html.Length && html[i + 1] == '/' ? i + 2 : i + 1;
            if (h + 2 < html.Length && html[h] == 'h' && html[h + 1] is >= '1' and <= '6' && (html[h + 2] == '>' || char.IsWhiteSpace(html[h + 2])))
            {
                shifted ??= new System.Text.StringBuilder(html.Length);
                shifted.Append(html, copied, h + 1 - copied).Append((char)Math.Min('6', html[h + 1] + 3));
                copied = h + 2;
            }
        }

        return shifted is null ? html : shifted.Append(html, copied, html.Length - copied).ToString();
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusFeedback)
        {
            _focusFeedback = false;
            await _feedbackGroup.FocusAsync();
        }
    }

    private Task AnswerAsync(bool helpful) => SaveAsync(helpful, reason: null, comment: null, () =>
    {
        _answer = helpful;
        // "Contact support" is only suggested where the page's contact policy offers it.
        return helpful ? L["FeedbackThanks"] : OnContact.HasDelegate ? L["FeedbackSorry"] : L["FeedbackSorryNoContact"];
    });

    /// <summary>Adds the reason and comment to the "No" already stored: the same answer, not a second one.</summary>
    private Task SendDetailsAsync()
    {
        return SaveAsync(false, _reason, _comment, () =>
        {
            _detailsSent = true;
            return L["FeedbackDetailsThanks"];
        });
    }

    /// <summary>Stores this view's one answer (every save carries the same id) and says thanks, or that it failed.</summary>
    private async Task SaveAsync(bool helpful, string? reason, string? comment, Func<string> saved)
    {
        if (_saving)
        {
            return;
        }

        _saving = true;
        try
        {
            await Answers.SaveAsync(Session, Article, _feedbackId, helpful, reason, comment, Route, Query);
            _status = saved();
            // The button just pressed is gone: focus moves to the answer's group instead of falling out of the panel.
            _focusFeedback = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.FeedbackFailed(Article.Id, ex);
            _status = Services.GetService<IHelpConnectivity>() is { IsOnline: false } ? L["FeedbackOffline"] : L["FeedbackFailed"];
        }
        finally
        {
            _saving = false;
        }
    }
}
