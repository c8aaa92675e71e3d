using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.PostgreSql.Tests.Insights;

/// <summary>The definitions of the insights, pinned on scripted event sequences, against the PostgreSQL store on a real server.</summary>
public sealed class PostgreSqlHelpInsightsConformanceTests(PostgreSqlTestServer server) : HelpInsightsConformanceTests, IAsyncDisposable
{
    private readonly InsightsDatabase _database = new(server);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override async Task<HelpInsightsReport> ReportAsync(IReadOnlyList<HelpEvent> events, HelpInsightsQuery query)
    {
        var store = await _database.CreateStoreAsync(InsightsDatabase.NewSchema());
        await store.WriteAsync(events, Token);
        return await store.GetReportAsync(query, Token);
    }

    protected override async Task<HelpInsightsReport> ReportAsync(IReadOnlyList<HelpEvent> events, IReadOnlyList<ArticleFeedback> feedback, HelpInsightsQuery query)
    {
        // The engine's services, as an app has them: the feedback and the events share the schema, and the event store
        // scrubs comments with the engine's scrubber.
        var provider = await _database.CreateServicesAsync(InsightsDatabase.NewSchema());
        var feedbackStore = provider.GetRequiredService<IHelpStore>();
        foreach (var answer in feedback)
        {
            await feedbackStore.SaveFeedbackAsync(answer, Token);
        }

        var store = provider.GetRequiredService<IHelpEventStore>();
        await store.WriteAsync(events, Token);
        return await store.GetReportAsync(query, Token);
    }
}
