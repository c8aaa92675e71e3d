using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using HelpWidget.Components.Insights;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Components;

/// <summary>
/// The help insights dashboard for support managers: the Self Service Rate and the figures behind it for a period,
/// compared with the period before; the rate per day and the funnel as SVG charts with a data table each; top searches,
/// content gaps (with an article draft to download, or the mark that an article now addresses it), the worst-rated
/// articles with reasons and comments, the pages with the most contacts and the articles that deflected the most
/// tickets; every table as a CSV download. Figures that include simulated demonstration data say so, in the page and in
/// every CSV file.
/// </summary>
/// <remarks>
/// <para>
/// The figures are only read and shown for users who meet the authorisation <see cref="Policy"/> (checked with
/// <c>AuthorizeView</c>, so the app needs <c>AddCascadingAuthenticationState</c> and the policy registered with
/// <c>AddAuthorization</c>); everyone else sees a refusal. Without a policy the component fails at once unless
/// <see cref="AllowAnonymous"/> is set, so forgetting the policy never publishes the figures.
/// </para>
/// <para>
/// Reads <see cref="IHelpEventStore"/> (the SQLite store registers one), <see cref="IKnowledgeProvider"/> for titles
/// and the addressed mark, and <see cref="TimeProvider"/> for today's date. Periods are whole UTC days. Link the
/// stylesheet <c>_content/HelpWidget.Components/helpwidget-insights.css</c>; the component needs no script.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// @page "/insights"
/// &lt;HelpInsights Policy="HelpInsights" /&gt;
/// </code>
/// </example>
public sealed partial class HelpInsights
{
    /// <summary>The most rows a table shows by default.</summary>
    public const int DefaultTop = 10;

    private static readonly string[] s_reasonKeys = ["inaccurate", "confusing", "missing-steps", "not-what-i-looked-for", "other"];
    private static readonly string[] s_reasonTexts = ["ReasonInaccurate", "ReasonConfusing", "ReasonMissingSteps", "ReasonNotWhatILookedFor", "ReasonOther"];

    private readonly string _id = "hw-insights-" + Guid.NewGuid().ToString("N")[..8];
    private HelpInsightsPeriod _period = HelpInsightsPeriod.Last30Days;
    private DateOnly? _customFrom;
    private DateOnly? _customTo;
    private string? _dateError;
    private bool _loading;
    private bool _failed;
    private (DateOnly From, DateOnly To) _shown;
    private (DateOnly From, DateOnly To) _previousShown;
    private HelpInsightsReport? _report;
    private HelpInsightsReport? _previous;
    private IReadOnlyList<InsightsTable> _tables = [];
    private CancellationTokenSource? _load;

    [Inject]
    private IHelpEventStore Store { get; set; } = default!;

    [Inject]
    private IKnowledgeProvider Knowledge { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private IStringLocalizer<HelpWidgetStrings> L { get; set; } = default!;

    [Inject]
    private ILogger<HelpInsights> Logger { get; set; } = default!;

    /// <summary>
    /// Gets or sets the name of the authorisation policy a user must meet to see the figures (registered by the host
    /// with <c>AddAuthorization</c>). Default <see langword="null"/>: then <see cref="AllowAnonymous"/> must be set.
    /// </summary>
    [Parameter]
    public string? Policy { get; set; }

    /// <summary>
    /// Gets or sets whether the figures are shown without any policy, to whoever can reach the page (for a host that
    /// protects the page some other way). Default <see langword="false"/>. Cannot be combined with <see cref="Policy"/>.
    /// </summary>
    [Parameter]
    public bool AllowAnonymous { get; set; }

    /// <summary>Gets or sets the most rows each table shows and exports, from 1 to <see cref="HelpInsightsQuery.MaxTop"/>. Default <see cref="DefaultTop"/>.</summary>
    [Parameter]
    public int Top { get; set; } = DefaultTop;

    /// <summary>Gets or sets the period shown first. Default <see cref="HelpInsightsPeriod.Last30Days"/> (<see cref="HelpInsightsPeriod.Custom"/> starts with the last 30 days' dates).</summary>
    [Parameter]
    public HelpInsightsPeriod Period { get; set; } = HelpInsightsPeriod.Last30Days;

    /// <summary>Gets or sets the heading level of the dashboard's title, from 1 to 5 (sections use the levels below it). Default 1.</summary>
    [Parameter]
    public int HeadingLevel { get; set; } = 1;

    /// <summary>Gets or sets CSS classes added to the root element.</summary>
    [Parameter]
    public string? Class { get; set; }

    /// <summary>Gets or sets attributes added to the root element.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    private bool _initialised;

    /// <inheritdoc />
    public void Dispose()
    {
        _load?.Cancel();
        _load?.Dispose();
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (string.IsNullOrWhiteSpace(Policy) == !AllowAnonymous)
        {
            throw new InvalidOperationException(AllowAnonymous
                ? $"{nameof(HelpInsights)} has both a {nameof(Policy)} and {nameof(AllowAnonymous)}: choose one."
                : $"{nameof(HelpInsights)} needs a {nameof(Policy)} (the authorisation policy whose users may see the figures), or {nameof(AllowAnonymous)}=\"true\" when the page is protected otherwise.");
        }

        if (Top is < 1 or > HelpInsightsQuery.MaxTop)
        {
            throw new InvalidOperationException($"{nameof(HelpInsights)}.{nameof(Top)} ({Top}) must be from 1 to {HelpInsightsQuery.MaxTop}.");
        }

        if (HeadingLevel is < 1 or > 5)
        {
            throw new InvalidOperationException($"{nameof(HelpInsights)}.{nameof(HeadingLevel)} ({HeadingLevel}) must be from 1 to 5.");
        }

        if (AllowAnonymous)
        {
            await InitialiseAsync();
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);

    // Called when AuthorizeView shows the figures to a user who meets the policy: only then are they read.
    private async Task AllowedAsync()
    {
        await InitialiseAsync();
    }

    private async Task InitialiseAsync()
    {
        if (!_initialised)
        {
            _initialised = true;
            _period = Period;
            var today = Today;
            (_customFrom, _customTo) = (today.AddDays(-29), today);
            await LoadAsync();
        }
    }

    private async Task ApplyAsync()
    {
        _dateError = null;
        if (_period == HelpInsightsPeriod.Custom)
        {
            if (_customFrom is null || _customTo is null)
            {
                _dateError = L["InsightsDatesRequired"];
            }
            else if (_customTo < _customFrom)
            {
                _dateError = L["InsightsDatesOrder"];
            }
            else if (_customTo.Value.DayNumber - _customFrom.Value.DayNumber + 1 > HelpInsightsQuery.MaxDays / 2)
            {
                // Half the query's limit, so the comparison period fits as well.
                _dateError = string.Format(CultureInfo.CurrentCulture, L["InsightsDatesTooLong"], HelpInsightsQuery.MaxDays / 2);
            }
            else if (_customFrom.Value.Year < 2000 || _customTo.Value > Today.AddYears(1))
            {
                _dateError = L["InsightsDatesRange"];
            }

            if (_dateError is not null)
            {
                return;
            }
        }

        await LoadAsync();
    }

    private (DateOnly From, DateOnly To) Dates()
    {
        var today = Today;
        return _period switch
        {
            HelpInsightsPeriod.Last7Days => (today.AddDays(-6), today),
            HelpInsightsPeriod.ThisMonth => (new DateOnly(today.Year, today.Month, 1), today),
            HelpInsightsPeriod.Custom when _customFrom is { } from && _customTo is { } to => (from, to),
            _ => (today.AddDays(-29), today),
        };
    }

    private async Task LoadAsync()
    {
        if (_load is not null)
        {
            await _load.CancelAsync();
            _load.Dispose();
        }

        _load = new CancellationTokenSource();
        var token = _load.Token;
        var (from, to) = Dates();
        var days = to.DayNumber - from.DayNumber + 1;
        var previous = (From: from.AddDays(-days), To: from.AddDays(-1));
        _loading = true;
        _failed = false;
        try
        {
            var current = Store.GetReportAsync(Query(from, to), token);
            var before = Store.GetReportAsync(Query(previous.From, previous.To), token);
            var report = await current;
            var previousReport = await before;
            var tables = await BuildTablesAsync(report, token);
            (_report, _previous, _tables, _shown, _previousShown) = (report, previousReport, tables, (from, to), previous);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer period was asked for; its load shows its figures.
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logger.InsightsReportFailed(ex);
            _failed = true;
        }

        _loading = false;
    }

    private HelpInsightsQuery Query(DateOnly from, DateOnly to) => new()
    {
        From = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        To = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Top = Top,
    };

    private async Task<IReadOnlyList<InsightsTable>> BuildTablesAsync(HelpInsightsReport report, CancellationToken token)
    {
        var articles = new Dictionary<string, HelpArticle?>(StringComparer.Ordinal);
        var lookupFailed = false;

        async Task<HelpArticle?> ArticleAsync(string id, string? language)
        {
            var key = id + "\n" + language;
            if (lookupFailed)
            {
                return null;
            }

            if (articles.TryGetValue(key, out var known))
            {
                return known;
            }

            try
            {
                return articles[key] = await Knowledge.GetArticleAsync(new ArticleRequest(id) { Language = language }, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                Logger.InsightsArticlesFailed(ex);
                lookupFailed = true;
                return null;
            }
        }

        async Task<InsightsTable> GapsAsync(string key, string title, IReadOnlyList<HelpQueryCount> queries)
        {
            var rows = new List<InsightsRow>(queries.Count);
            foreach (var query in queries)
            {
                var draft = HelpArticleDraft.FromSearch(query.Query, query.Route, query.Language);
                var existing = await ArticleAsync(draft.Id, query.Language);
                rows.Add(new InsightsRow([query.Query, query.Language ?? string.Empty, query.Route ?? string.Empty, Number(query.Count)])
                {
                    Draft = existing is null ? draft : null,
                    AddressedBy = existing is null ? null : existing.Id,
                });
            }

            return new InsightsTable(key, title, [L["InsightsQuery"], L["InsightsLanguage"], L["InsightsPage"], L["InsightsCount"]], [false, false, false, true], rows);
        }

        var top = new InsightsTable(
            "top-searches",
            L["InsightsTopSearches"],
            [L["InsightsQuery"], L["InsightsLanguage"], L["InsightsPage"], L["InsightsCount"]],
            [false, false, false, true],
            [.. report.TopSearches.Select(q => new InsightsRow([q.Query, q.Language ?? string.Empty, q.Route ?? string.Empty, Number(q.Count)]))]);
        var zero = await GapsAsync("zero-result-searches", L["InsightsZeroResults"], report.ZeroResultSearches);
        var followed = await GapsAsync("searches-followed-by-ticket", L["InsightsSearchThenTicket"], report.SearchesFollowedByTicket);

        var rated = new List<InsightsRow>(report.WorstRatedArticles.Count);
        foreach (var rating in report.WorstRatedArticles)
        {
            var article = await ArticleAsync(rating.ArticleId, null);
            var name = article?.Title ?? rating.ArticleId;
            var reasons = string.Join("; ", rating.Reasons.Select(r => $"{ReasonText(r.Key)}: {Number(r.Value)}"));
            rated.Add(new InsightsRow([name, Percent(rating.Helpfulness), Number(rating.Yes), Number(rating.No), reasons])
            {
                Comments = [.. rating.Comments.Select(comment => (comment, HelpArticleDraft.FromComment(rating.ArticleId, article?.Title, article?.Language, comment)))],
            });
        }

        var worst = new InsightsTable(
            "worst-rated-articles",
            L["InsightsWorstRated"],
            [L["InsightsArticle"], L["InsightsHelpfulness"], L["InsightsYes"], L["InsightsNo"], L["InsightsReasons"]],
            [false, true, true, true, false],
            rated);

        var contacts = new InsightsTable(
            "pages-with-most-contacts",
            L["InsightsMostContacts"],
            [L["InsightsPage"], L["InsightsContactsStarted"], L["InsightsTickets"]],
            [false, true, true],
            [.. report.PagesWithMostContacts.Select(p => new InsightsRow([p.Route, Number(p.ContactsStarted), Number(p.Tickets)]))]);

        var deflecting = new List<InsightsRow>(report.TopDeflectingArticles.Count);
        foreach (var article in report.TopDeflectingArticles)
        {
            var known = await ArticleAsync(article.ArticleId, null);
            deflecting.Add(new InsightsRow([known?.Title ?? article.ArticleId, Number(article.Resolutions), Number(article.Confirmations)]));
        }

        var deflected = new InsightsTable(
            "top-deflecting-articles",
            L["InsightsTopDeflecting"],
            [L["InsightsArticle"], L["InsightsResolutions"], L["InsightsConfirmations"]],
            [false, true, true],
            deflecting);

        var byArea = await AreaTableAsync(report, ArticleAsync, token);
        return [top, zero, followed, worst, contacts, deflected, byArea];
    }

    /// <summary>The figures by area: each article of the period mapped to its area now, areas titled in the manager's language.</summary>
    private async Task<InsightsTable> AreaTableAsync(HelpInsightsReport report, Func<string, string?, Task<HelpArticle?>> articleAsync, CancellationToken token)
    {
        var areaOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var figures in report.Articles)
        {
            areaOf[figures.ArticleId] = (await articleAsync(figures.ArticleId, null))?.Area;
        }

        IReadOnlyList<HelpArea> areas = [];
        if (Services.GetService(typeof(IHelpAreaSource)) is IHelpAreaSource source)
        {
            try
            {
                areas = await source.LoadAreasAsync(token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // Without the definitions the areas keep their ids as titles.
                Logger.InsightsAreasFailed(ex);
            }
        }

        var rows = HelpInsightsAreas.Group(report.Articles, areaOf, areas, CultureInfo.CurrentUICulture, InsightsAreaStrings.NoArea)
            .Select(area => new InsightsRow(
            [
                area.Title, Number(area.Articles), Number(area.Views), Number(area.ViewsFromSearch), Number(area.Yes), Number(area.No),
                area.Helpfulness is { } helpfulness ? Percent(helpfulness) : InsightsAreaStrings.NoVotes, Number(area.ContactsAfter),
            ]));
        return new InsightsTable(
            "figures-by-area",
            InsightsAreaStrings.ByArea,
            [InsightsAreaStrings.Area, InsightsAreaStrings.Articles, InsightsAreaStrings.Views, InsightsAreaStrings.ViewsFromSearch, L["InsightsYes"], L["InsightsNo"], L["InsightsHelpfulness"], InsightsAreaStrings.ContactsAfter],
            [false, true, true, true, true, true, true, true],
            [.. rows]);
    }

    private string ReasonText(string code)
    {
        var index = Array.IndexOf(s_reasonKeys, code);
        return index < 0 ? code : L[s_reasonTexts[index]];
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string Percent(double value) => value.ToString("P0", CultureInfo.CurrentCulture);

    private string Rate(double? value) => value is { } rate ? rate.ToString("P1", CultureInfo.CurrentCulture) : L["InsightsNoRate"];

    private static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    private string? SimulatedNote => _report is { SimulatedEvents: > 0 } ? L["InsightsSimulatedCsv"].Value : null;

    private string CsvUrl(InsightsTable table)
    {
        var headers = table.HasComments ? [.. table.Headers, L["InsightsComments"].Value] : table.Headers;
        var rows = table.Rows.Select(row => table.HasComments ? [.. row.Cells, string.Join(" | ", row.Comments.Select(c => c.Comment))] : row.Cells);
        return InsightsCsv.DataUrl(InsightsCsv.Build(SimulatedNote, headers, rows));
    }

    private string CsvFileName(InsightsTable table) =>
        string.Create(CultureInfo.InvariantCulture, $"help-{table.Key}-{_shown.From:yyyy-MM-dd}-{_shown.To:yyyy-MM-dd}.csv");

    private static string DraftUrl(HelpArticleDraft draft) => "data:text/markdown;charset=utf-8," + Uri.EscapeDataString(draft.Markdown);

    private string DaysCsvUrl() => InsightsCsv.DataUrl(InsightsCsv.Build(
        SimulatedNote,
        [L["InsightsDate"], L["InsightsResolutions"], L["InsightsTickets"], L["InsightsSelfServiceRate"]],
        _report!.Days.Select(day => (IReadOnlyList<string>)[day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(day.Resolutions), Number(day.Tickets), Rate(day.SelfServiceRate)])));

    private IReadOnlyList<(string Step, int Sessions)> FunnelSteps(HelpInsightsFunnel funnel) =>
    [
        (L["InsightsSessions"], funnel.Sessions),
        (L["InsightsWithSearch"], funnel.WithSearch),
        (L["InsightsWithArticle"], funnel.WithArticle),
        (L["InsightsWithContact"], funnel.WithContact),
        (L["InsightsWithTicket"], funnel.WithTicket),
    ];

    private string FunnelCsvUrl() => InsightsCsv.DataUrl(InsightsCsv.Build(
        SimulatedNote,
        [L["InsightsStep"], L["InsightsSessions"], L["InsightsShareOfSessions"]],
        FunnelSteps(_report!.Funnel).Select(step => (IReadOnlyList<string>)[step.Step, Number(step.Sessions), Share(step.Sessions, _report.Funnel.Sessions)])));

    private static string Share(int part, int whole) => whole == 0 ? "–" : Percent((double)part / whole);

    private string Heading(int offset) => "h" + Math.Min(HeadingLevel + offset, 6).ToString(CultureInfo.InvariantCulture);

    private string PeriodName(HelpInsightsPeriod period) => period switch
    {
        HelpInsightsPeriod.Last7Days => L["InsightsLast7Days"],
        HelpInsightsPeriod.ThisMonth => L["InsightsThisMonth"],
        HelpInsightsPeriod.Custom => L["InsightsCustom"],
        _ => L["InsightsLast30Days"],
    };
}
