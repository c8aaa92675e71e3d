using HelpWidget.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Sqlite.Tests;

public sealed class SqliteTicketOutboxTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly SqliteTestFolder _files = new("hw-outbox-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly SqliteHelpStore _store;

    public SqliteTicketOutboxTests()
    {
        _store = Store("webhook", "itsm");
    }

    private string DatabasePath => _files.DatabasePath;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task SaveTicketAsync_FailureAfterTheTicketRow_StoresNothingHalfWay()
    {
        using var broken = Store("webhook", "broken");
        await ExecuteAsync("""
            CREATE TRIGGER refuse_broken BEFORE INSERT ON ticket_deliveries WHEN NEW.sink = 'broken'
            BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END;
            """);

        var ticket = Ticket("half", attachments: [new TicketAttachment { FileName = "a.txt", ContentType = "text/plain", Content = new byte[] { 1, 2, 3 } }]);
        await Assert.ThrowsAsync<SqliteException>(() => broken.SaveTicketAsync(ticket, Token));

        Assert.Empty(await QueryAsync("SELECT id FROM tickets"));
        Assert.Empty(await QueryAsync("SELECT ticket_id FROM ticket_attachments"));
        Assert.Empty(await QueryAsync("SELECT id FROM ticket_deliveries"));
    }

    [Fact]
    public async Task Store_TicketsTableOfAnEarlierVersion_IsMigratedKeepsItsTicketsAndQueuesNewOnes()
    {
        var legacy = _files.PathOf("legacy.db");
        await using (var connection = new SqliteConnection($"Data Source={legacy}"))
        {
            await connection.OpenAsync(Token);
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE tickets (id INTEGER PRIMARY KEY AUTOINCREMENT, reference TEXT UNIQUE, idempotency_key TEXT NOT NULL UNIQUE,
                    subject TEXT NOT NULL, description TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL, language TEXT, route TEXT,
                    context_json TEXT NOT NULL, submitted_at TEXT NOT NULL);
                CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, feedback_id TEXT, article_id TEXT NOT NULL, language TEXT NOT NULL,
                    helpful INTEGER NOT NULL, reason TEXT, comment TEXT, route TEXT, created_at TEXT NOT NULL);
                INSERT INTO tickets (reference, idempotency_key, subject, description, name, email, context_json, submitted_at)
                VALUES ('HW-000001', 'old', 'Printer', 'Jammed.', 'Kim', 'kim@example.com', '{"searches":"printer"}', '2026-01-01T00:00:00.0000000+00:00');
                """;
            await create.ExecuteNonQueryAsync(Token);
        }

        using var store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={legacy}" }), sinks: [new RecordingTicketSink("webhook")], timeProvider: _time);
        var old = (await store.GetTicketAsync("HW-000001", Token))!.Submission;
        var added = await store.SaveTicketAsync(Ticket("new", attachments: [new TicketAttachment { FileName = "a.png", ContentType = "image/png", Content = new byte[] { 9 } }]), Token);
        var claim = (await store.ClaimNextAsync("webhook", Lease, Token)).Delivery!;

        Assert.Equal(("Printer", null, 0, 0, "printer"), (old.Subject, old.Category, old.Fields.Count, old.Attachments.Count, old.Context["searches"]));
        Assert.Matches("^HW-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", added.Reference); // new tickets get unguessable references
        Assert.Equal("Printer", (await store.GetTicketAsync("hw-000001", Token))?.Submission.Subject);
        Assert.Equal((added.Reference, "access", 1), (claim.Delivery.Reference, claim.Delivery.Submission.Category, claim.Delivery.Submission.Attachments.Count));
    }

    private SqliteHelpStore Store(params string[] sinks) =>
        new(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={DatabasePath}" }), sinks: sinks.Select(name => new RecordingTicketSink(name)), timeProvider: _time);

    private async Task<List<string>> QueryAsync(string sql)
    {
        // A rejected ticket never opens the file: open it through the store so the tables exist to be counted.
        await _store.GetTicketAsync("HW-000000", Token);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Token);
        var values = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    private async Task ExecuteAsync(string sql)
    {
        await _store.GetTicketAsync("HW-000000", Token);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    private static TicketSubmission Ticket(string key, IReadOnlyList<TicketAttachment>? attachments = null) => new()
    {
        IdempotencyKey = key,
        Subject = "Cannot open the expense app",
        Description = "It says access denied.\nI tried the article on roles.",
        Name = "Alex Lindqvist",
        Email = "alex@example.com",
        Category = "access",
        Fields = new Dictionary<string, string> { ["asset-tag"] = "NB-1042", ["urgency"] = "high" },
        Attachments = attachments ?? [],
        Language = "sv",
        Route = "/expenses/new",
        Context = new Dictionary<string, string> { ["searches"] = "access denied (0)" },
        SubmittedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };
}
