using System.Text.Json;
using HelpWidget.Sqlite;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.PostgreSql.Tests.Insights;

/// <summary>The two stores the project ships compute their reports with one builder: for the same events they give the same report, byte for byte.</summary>
public sealed class SqliteAndPostgreSqlReportTests(PostgreSqlTestServer server) : IAsyncDisposable
{
    private readonly InsightsDatabase _database = new(server);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hw-insights-agree-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Reports_OfTheSameEvents_AreIdentical_InEveryKindOfPeriod(int seed)
    {
        var events = InsightsEvents.Random(new Random(seed), 2_000);
        var postgres = await _database.CreateStoreAsync(InsightsDatabase.NewSchema());
        var services = new ServiceCollection();
        services.AddHelpWidget().AddSqliteStore(o => o.ConnectionString = $"Data Source={Path.Combine(_folder.FullName, "store.db")};Pooling=false");
        await using var provider = services.BuildServiceProvider();
        var sqlite = provider.GetRequiredService<IHelpEventStore>();
        foreach (var batch in events.Chunk(250))
        {
            await postgres.WriteAsync(batch, Token);
            await sqlite.WriteAsync(batch, Token);
        }

        var first = events[0].OccurredAt;
        var last = events[^1].OccurredAt;
        Assert.True(last - first > TimeSpan.FromDays(14), "The events must span weeks, so that whole weeks and days are read from counters.");
        var midnight = new DateTimeOffset(first.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        HelpInsightsQuery[] periods =
        [
            new() { From = first.AddDays(-1), To = last.AddDays(1), Top = 1000 },
            new() { From = midnight, To = midnight.AddDays(7) },
            new() { From = midnight.AddHours(-5), To = midnight.AddDays(9).AddHours(3), Top = 3 },
            new() { From = events[600].OccurredAt, To = events[900].OccurredAt },
            new() { From = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), Top = 1000 },
        ];
        foreach (var period in periods)
        {
            var fromSqlite = await sqlite.GetReportAsync(period, Token);
            var fromPostgres = await postgres.GetReportAsync(period, Token);
            Assert.Equal(JsonSerializer.Serialize(fromSqlite), JsonSerializer.Serialize(fromPostgres));
            Assert.Equal(JsonSerializer.Serialize(HelpInsightsCalculator.Calculate(events, period)), JsonSerializer.Serialize(fromPostgres));
        }

        var whole = await sqlite.GetReportAsync(periods[0], Token);
        Assert.True(whole is { Tickets: > 0, SelfServiceResolutions: > 0, TopSearches.Count: > 0, WorstRatedArticles.Count: > 0 }, "The events must exercise the report.");
        Assert.True(whole.Articles.Sum(a => a.ViewsFromSearch) > 0 && whole.Articles.Sum(a => a.ContactsAfter) > 0 && whole.Articles.Sum(a => a.No) > 0, "The events must exercise the figures per article.");
    }
}
