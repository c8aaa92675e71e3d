namespace HelpWidget.Components.Tests.Insights;

/// <summary>An event store whose reports the test decides, keeping the queries it was asked.</summary>
internal sealed class FakeHelpEventStore : IHelpEventStore
{
    public Func<HelpInsightsQuery, HelpInsightsReport> OnReport { get; set; } = query => Empty(query);

    public List<HelpInsightsQuery> Queries { get; } = [];

    public string Name => "fake";

    public Task<HelpInsightsReport> GetReportAsync(HelpInsightsQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        return Task.FromResult(OnReport(query));
    }

    public Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<byte[]> GetOrCreateUserKeySecretAsync(CancellationToken cancellationToken = default) => Task.FromResult(new byte[32]);

    public static HelpInsightsReport Empty(HelpInsightsQuery query) => new()
    {
        From = query.From,
        To = query.To,
        Funnel = new HelpInsightsFunnel { Sessions = 0, WithSearch = 0, WithArticle = 0, WithContact = 0, WithTicket = 0 },
        Searches = 0,
        ArticleViews = 0,
        SelfServiceResolutions = 0,
        Tickets = 0,
        FailedDeflections = 0,
    };
}
