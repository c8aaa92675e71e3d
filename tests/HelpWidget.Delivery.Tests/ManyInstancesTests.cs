using System.Diagnostics;
using System.Globalization;
using HelpWidget.PostgreSql;
using HelpWidget.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HelpWidget.Delivery.Tests;

/// <summary>Runs alone: it restarts its PostgreSQL server and times how soon a surviving instance resumes.</summary>
[CollectionDefinition(nameof(ManyInstancesTests), DisableParallelization = true)]
public sealed class ManyInstancesTestGroup;

/// <summary>
/// Delivery from many instances on one real PostgreSQL database: app processes (HelpWidget.Delivery.CrashHost) share the
/// queue and one real webhook receiver; one is killed with SIGKILL in the middle of a delivery; the database restarts.
/// </summary>
[Collection(nameof(ManyInstancesTests))]
public sealed class ManyInstancesTests(PostgreSqlTestServer server) : IClassFixture<PostgreSqlTestServer>, IDisposable
{
    private const int TicketsPerInstance = 250;
    private const int KillAt = 200;
    private const int TicketDeliveredEvent = 21;
    private readonly SqliteTestFolder _files = new("hw-instances-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        // After a restart the pooled connections of this process are broken, the test server's own included; the app under
        // test has been disposed by now, so clearing them hides nothing from it.
        NpgsqlConnection.ClearAllPools();
        _files.Dispose();
    }

    [Fact]
    public async Task TwoInstances_OneKilledDuringADelivery_EveryTicketArrivesOnceInSubmissionOrderAndTheOtherResumesAtOnce()
    {
        var database = await server.CreateDatabaseAsync(Token);
        await using var receiver = await WebhookReceiver.StartAsync();
        var killPoint = new TaskCompletionSource<(string Instance, string Key)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The case is created, then the answer is held until its sender is dead: the worst moment to crash.
        receiver.AfterCreate = async (count, request) =>
        {
            if (count == KillAt)
            {
                killPoint.TrySetResult((request.Query["instance"].ToString(), request.Headers["Idempotency-Key"].ToString()));
                await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }
        };

        // A lease of a minute: resuming sooner shows that the survivor saw the holder die, not the lease run out.
        using var a = Start("a", database, receiver);
        using var b = Start("b", database, receiver);
        var resume = Stopwatch.StartNew();
        var heldKey = "";
        try
        {
            (var victim, heldKey) = await killPoint.Task.WaitAsync(TimeSpan.FromSeconds(90), Token);
            await (victim == "a" ? a : b).KillAsync();
            resume.Restart();
        }
        finally
        {
            killed.TrySetResult();
        }

        await receiver.WaitUntilAsync(r => r.CaseCount > KillAt, TimeSpan.FromSeconds(45));
        var resumedAfter = resume.Elapsed;
        await receiver.WaitUntilAsync(r => r.CaseCount == 2 * TicketsPerInstance, TimeSpan.FromSeconds(60));

        var submitted = await SubmissionOrderAsync(database);
        var deliveries = receiver.Deliveries;
        var byBoth = deliveries.GroupBy(d => d.Key).Where(g => g.Select(d => d.Instance).Distinct().Count() > 1).Select(g => g.Key).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"INSTANCES: 2 x {TicketsPerInstance} tickets; killed one after {KillAt} cases; the survivor created the next case {resumedAfter.TotalMilliseconds:F0} ms after the kill (lease 60 s); "
            + $"{receiver.Requests} requests ({deliveries.Count(d => d.Instance == "a")} from a, {deliveries.Count(d => d.Instance == "b")} from b); {receiver.Duplicates} redelivery(ies) answered without a second case; delivered by both: {string.Join(", ", byBoth)}."));
        Assert.Equal(2 * TicketsPerInstance, submitted.Count);
        Assert.Equal(submitted, receiver.CaseOrder);
        Assert.Equal(Keys("a"), receiver.CaseOrder.Where(key => key.StartsWith("a-", StringComparison.Ordinal)));
        Assert.Equal(Keys("b"), receiver.CaseOrder.Where(key => key.StartsWith("b-", StringComparison.Ordinal)));
        // Only the ticket whose answer the killed instance never read went out from both.
        Assert.Equal([heldKey], byBoth);
        Assert.InRange(receiver.Duplicates, 1, 3);
        Assert.Equal(2 * TicketsPerInstance + receiver.Duplicates, receiver.Requests);
        Assert.Equal(0, receiver.BadSignatures);
        Assert.True(resumedAfter < TimeSpan.FromSeconds(30), $"The surviving instance resumed only after {resumedAfter}.");
    }

    [Fact]
    public async Task DatabaseRestarted_SubmissionsFailMeanwhileNothingAcceptedIsLostAndDeliveryResumesWithoutARestart()
    {
        Assert.True(server.IsPrivate, $"This test stops and starts its PostgreSQL server, so it needs the private one: unset {PostgreSqlTestServer.EnvironmentVariable}.");
        var database = await server.CreateDatabaseAsync(Token);
        await using var receiver = await WebhookReceiver.StartAsync();
        // The receiver is down too, so the tickets accepted before the restart are still queued while the database is away.
        await receiver.StopAsync();
        var logs = new RecordingLoggerProvider();
        using var host = await EngineHost.StartPostgreSqlAsync(database, receiver.Url, logs, builder => builder.Services.AddHealthChecks().AddTicketDeliveryHealthCheck());
        var store = host.Services.GetRequiredService<IHelpStore>();
        var health = host.Services.GetRequiredService<HealthCheckService>();
        string[] before = ["before-1", "before-2", "before-3"], after = ["during", "after-1", "after-2"];
        foreach (var key in before)
        {
            Assert.True((await store.SaveTicketAsync(TestTickets.Create(key), Token)).Created);
        }

        await server.StopAsync();
        Exception refused;
        HealthReport unhealthy;
        try
        {
            refused = await Assert.ThrowsAnyAsync<Exception>(() => store.SaveTicketAsync(TestTickets.Create("during"), Token).WaitAsync(TimeSpan.FromSeconds(60), Token));
            unhealthy = await health.CheckHealthAsync(Token);
        }
        finally
        {
            await server.StartAsync();
        }

        await receiver.StartAsync();
        // The same app, not restarted: the refused ticket is sent again (as the form keeps its draft and key) and more follow.
        foreach (var key in after)
        {
            Assert.True((await store.SaveTicketAsync(TestTickets.Create(key), Token)).Created);
        }

        await receiver.WaitUntilAsync(r => r.CaseCount == before.Length + after.Length, TimeSpan.FromSeconds(60));
        await logs.WaitForAsync(TicketDeliveredEvent, before.Length + after.Length, TimeSpan.FromSeconds(30));
        var healthy = await health.CheckHealthAsync(Token);
        await host.StopAsync(Token);

        TestContext.Current.TestOutputHelper?.WriteLine($"RESTART: a submission while the database was down failed with {refused.GetType().Name}: {refused.Message}");
        Assert.IsAssignableFrom<NpgsqlException>(refused);
        Assert.Contains("127.0.0.1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, unhealthy.Status);
        Assert.StartsWith("The delivery queue could not be read:", unhealthy.Entries[TicketDeliveryHealthChecksBuilderExtensions.DefaultName].Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, healthy.Status);
        Assert.Equal([.. before, .. after], receiver.CaseOrder);
        Assert.Equal(0, receiver.Duplicates);
    }

    private AppProcess Start(string instance, string database, WebhookReceiver receiver) => AppProcess.Start(
        _files.Folder,
        ["--postgres", database, $"{receiver.Url}?instance={instance}", WebhookReceiver.Secret, TicketsPerInstance.ToString(CultureInfo.InvariantCulture), "--prefix", $"{instance}-", "--lease", "60"],
        instance);

    private static IEnumerable<string> Keys(string instance) =>
        Enumerable.Range(0, TicketsPerInstance).Select(i => string.Create(CultureInfo.InvariantCulture, $"{instance}-{i:D4}"));

    /// <summary>Reads the stored tickets through the store's own contract, oldest first: the order every sink must keep.</summary>
    private static async Task<List<string>> SubmissionOrderAsync(string database)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddPostgreSqlStore(options => options.ConnectionString = database);
        await using var provider = services.BuildServiceProvider();
        var outbox = provider.GetRequiredService<ITicketOutbox>();
        var newestFirst = new List<string>();
        for (var page = 0; ; page += 100)
        {
            var tickets = await outbox.GetTicketsAsync(page, 100, Token);
            newestFirst.AddRange(tickets.Select(ticket => ticket.Submission.IdempotencyKey));
            if (tickets.Count < 100)
            {
                break;
            }
        }

        newestFirst.Reverse();
        return newestFirst;
    }
}
