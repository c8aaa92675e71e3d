using HelpWidget.Insights.Simulation;
using HelpWidget.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Sqlite.Tests;

/// <summary>The demo data written into a real SQLite file, as the intranet sample has it, across restarts.</summary>
public sealed class SqliteDemoDataTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 18, 10, 30, 0, TimeSpan.Zero);
    private readonly SqliteTestFolder _files = new("hw-demo-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task DemoData_FillsTheStoresReport_MarkedSimulated_AndARestartWritesNothingNew()
    {
        int written;
        HelpInsightsReport report;
        var month = new HelpInsightsQuery { From = s_now.AddDays(-30), To = s_now.AddDays(1), Top = 50 };
        await using (var first = await StartAsync(s_now))
        {
            written = await first.GetRequiredService<HelpInsightsDemoData>().Completed;
            report = await first.GetRequiredService<IHelpEventStore>().GetReportAsync(month, Token);
        }

        Assert.True(written > 1_000, $"{written} events written");
        Assert.Equal(written, report.SimulatedEvents);
        Assert.Equal(written, await CountAsync("SELECT COUNT(*) FROM help_events WHERE simulated = 1;"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM help_events WHERE simulated = 0;"));
        Assert.InRange(report.SelfServiceRate!.Value, 0.6, 0.75);
        Assert.All(
            new (string Table, int Rows)[]
            {
                ("top searches", report.TopSearches.Count), ("zero results", report.ZeroResultSearches.Count), ("followed by a ticket", report.SearchesFollowedByTicket.Count),
                ("worst rated", report.WorstRatedArticles.Count), ("pages with contacts", report.PagesWithMostContacts.Count), ("deflecting", report.TopDeflectingArticles.Count),
            },
            table => Assert.True(table.Rows > 0, table.Table + " is empty"));
        Assert.All(report.TopSearches, q => Assert.NotNull(q.Route));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{written} events, {report.Funnel.Sessions} sessions, {report.Searches} searches, {report.Tickets} tickets, SSR {report.SelfServiceRate:P1}");

        SqliteConnection.ClearAllPools();
        await using (var second = await StartAsync(s_now.AddDays(3)))
        {
            Assert.Equal(0, await second.GetRequiredService<HelpInsightsDemoData>().Completed);
        }

        Assert.Equal(written, await CountAsync("SELECT COUNT(*) FROM help_events;"));
    }

    private async Task<ServiceProvider> StartAsync(DateTimeOffset now)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(now))
            .AddSingleton<IArticleSource>(new Articles());
        services.AddHelpWidget().AddSqliteStore(o => o.ConnectionString = _files.ConnectionString).AddHelpInsightsDemoData();
        var provider = services.BuildServiceProvider();
        await provider.GetServices<IHostedService>().OfType<HelpInsightsDemoData>().Single().StartAsync(Token);
        return provider;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(_files.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private sealed class Articles : IArticleSource
    {
        public event EventHandler? ArticlesChanged
        {
            add { }
            remove { }
        }

        public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<HelpArticle>>(
        [
            new() { Id = "expense-mileage", Language = "en", Title = "Claim mileage for your own car", Contexts = ["/expenses", "travel"] },
            new() { Id = "password-reset", Language = "en", Title = "Reset your password", Contexts = ["/profile"] },
            new() { Id = "vpn-connect", Language = "en", Title = "Connect to the VPN from home", Contexts = ["/", "remote"] },
            new() { Id = "leave-request", Language = "sv", Title = "Ansök om semester", Contexts = ["/leave"] },
        ]);
    }
}
