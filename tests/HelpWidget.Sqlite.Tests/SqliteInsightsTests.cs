using System.Diagnostics;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Sqlite.Tests;

/// <summary>The engine and the SQLite store together, as an app registers them. Alone: it counts the package's static meters.</summary>
[Collection(nameof(SqliteInsightsTests))]
[CollectionDefinition(nameof(SqliteInsightsTests), DisableParallelization = true)]
public sealed class SqliteInsightsTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestFolder _files = new("hw-insights-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task WhatAUserDoes_ReachesTheStoreInTheBackground_AndItsReportGivesTheDefinitionsFigures()
    {
        using var appended = new MetricCollector<long>(null, "HelpWidget.Sqlite", "helpwidget.sqlite.events.appended");
        var time = new FakeTimeProvider(s_start);
        var logs = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(logs))).AddSingleton<TimeProvider>(time);
        services.AddHelpWidget().AddSqliteStore(o => o.ConnectionString = _files.ConnectionString);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(Token);
        }

        using (var scope = provider.CreateScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<HelpSession>();
            session.User = new HelpUser { Id = "alex" };
            session.RecordOpened();
            session.RecordSearch("vpn", 2);
            session.RecordArticle("vpn-connect", "en");
            session.RecordVote(new ArticleFeedback { ArticleId = "vpn-connect", Language = "en", Helpful = true, CreatedAt = s_start });
        }

        using (var scope = provider.CreateScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<HelpSession>();
            session.RecordSearch("expense limit", 0);
            time.Advance(TimeSpan.FromSeconds(30));
            session.RecordContactStarted();
            time.Advance(TimeSpan.FromMinutes(2));
            session.RecordTicket(new TicketReceipt { Reference = "HW-1", SubmittedAt = s_start, Created = true });
        }

        foreach (var service in hosted)
        {
            // Stopping writes what is still buffered.
            await service.StopAsync(Token);
        }

        var store = provider.GetRequiredService<IHelpEventStore>();
        var report = await store.GetReportAsync(new HelpInsightsQuery { From = s_start, To = s_start.AddDays(1) }, Token);

        Assert.Empty(logs.GetSnapshot().Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(r => r.Message + r.Exception));
        Assert.Equal((2, 1, 1, 1), (report.Funnel.Sessions, report.SelfServiceResolutions, report.Tickets, report.Funnel.WithContact));
        Assert.Equal(0.5, report.SelfServiceRate);
        Assert.Equal([("expense limit", 1)], report.SearchesFollowedByTicket.Select(q => (q.Query, q.Count)));
        Assert.Equal(8, appended.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task SavingATicket_IsTraced_AndCountedOnce()
    {
        using var saved = new MetricCollector<long>(null, "HelpWidget.Sqlite", "helpwidget.sqlite.tickets.saved");
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "HelpWidget.Sqlite",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var services = new ServiceCollection();
        services.AddHelpWidget().AddSqliteStore(o => o.ConnectionString = _files.ConnectionString);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IHelpStore>();
        var ticket = new TicketSubmission
        {
            IdempotencyKey = "trace-1",
            Subject = "Printer",
            Description = "Jams.",
            Name = "Alex Lindqvist",
            Email = "alex@example.com",
            SubmittedAt = s_start,
        };

        await store.SaveTicketAsync(ticket, Token);
        await store.SaveTicketAsync(ticket, Token);

        Assert.Equal(1, saved.GetMeasurementSnapshot().EvaluateAsCounter());
        Activity[] saves;
        lock (activities)
        {
            saves = [.. activities.Where(a => a.OperationName == "helpwidget.sqlite.save_ticket")];
        }

        Assert.Equal([true, false], saves.Select(a => a.GetTagItem("helpwidget.ticket.created")));
        Assert.DoesNotContain(saves.SelectMany(a => a.TagObjects), tag => tag.Value?.ToString()?.Contains("alex", StringComparison.OrdinalIgnoreCase) == true);
    }
}
