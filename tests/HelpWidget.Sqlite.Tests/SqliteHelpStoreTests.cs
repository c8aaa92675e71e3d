using HelpWidget.Testing;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HelpWidget.Sqlite.Tests;

public sealed class SqliteHelpStoreTests : IDisposable
{
    private readonly SqliteTestFolder _files = new("hw-sqlite-");
    private readonly SqliteHelpStore _store;

    public SqliteHelpStoreTests()
    {
        _store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={DatabasePath}" }));
    }

    private string DatabasePath => _files.PathOf(Path.Combine("data", "help.db"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task SaveTicketAsync_NewTicket_IsCommittedToTheFileBeforeTheReceipt()
    {
        var receipt = await _store.SaveTicketAsync(Ticket("k1"), Token);

        Assert.True(receipt.Created);
        Assert.Matches("^HW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", receipt.Reference);
        using var reader = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={DatabasePath}" }));
        var stored = await reader.GetTicketAsync(receipt.Reference, Token);
        Assert.NotNull(stored);
        Assert.Equal("VPN fails with error 809", stored.Submission.Subject);
        Assert.Equal("/expenses/new", stored.Submission.Route);
        Assert.Equal("vpn (2)", stored.Submission.Context["searches"]);
    }

    [Fact]
    public async Task SaveFeedbackAsync_ValidAnswer_IsStored()
    {
        await _store.SaveFeedbackAsync(new ArticleFeedback { ArticleId = "vpn-connect", Language = "en", Helpful = false, Reason = "missing-steps", CreatedAt = DateTimeOffset.UnixEpoch }, Token);

        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT article_id, helpful, reason FROM feedback";
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal(("vpn-connect", 0L, "missing-steps"), (reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
    }

    [Fact]
    public async Task SaveFeedbackAsync_DetailsForTheSameAnswer_UpdateItInsteadOfCountingTwice()
    {
        await _store.SaveFeedbackAsync(new ArticleFeedback { FeedbackId = "f1", ArticleId = "vpn", Language = "en", Helpful = false, CreatedAt = DateTimeOffset.UnixEpoch }, Token);
        await _store.SaveFeedbackAsync(new ArticleFeedback { FeedbackId = "f1", ArticleId = "vpn", Language = "en", Helpful = false, Reason = "missing-steps", Comment = "Step 3 is gone.", CreatedAt = DateTimeOffset.UnixEpoch }, Token);

        var signals = await _store.GetArticleSignalsAsync(Token);

        Assert.Equal(1, signals["vpn"].UnhelpfulVotes);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT reason, comment FROM feedback";
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal(("missing-steps", "Step 3 is gone."), (reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public async Task Store_DatabaseOfAnEarlierVersion_IsMigratedAndKeepsItsRows()
    {
        var legacy = _files.PathOf("legacy.db");
        await using (var connection = new SqliteConnection($"Data Source={legacy}"))
        {
            await connection.OpenAsync(Token);
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL, language TEXT NOT NULL,
                    helpful INTEGER NOT NULL, reason TEXT, comment TEXT, route TEXT, created_at TEXT NOT NULL);
                INSERT INTO feedback (article_id, language, helpful, created_at) VALUES ('vpn', 'en', 1, '2026-01-01T00:00:00Z');
                """;
            await create.ExecuteNonQueryAsync(Token);
        }

        using var store = new SqliteHelpStore(Options.Create(new SqliteStoreOptions { ConnectionString = $"Data Source={legacy}" }));
        await store.SaveFeedbackAsync(new ArticleFeedback { FeedbackId = "f2", ArticleId = "vpn", Language = "en", Helpful = false, CreatedAt = DateTimeOffset.UnixEpoch }, Token);

        await store.SaveFeedbackAsync(new ArticleFeedback { ArticleId = "vpn", Language = "en", Helpful = true, Query = "vpn from home", CreatedAt = DateTimeOffset.UnixEpoch }, Token);

        var signals = await store.GetArticleSignalsAsync(Token);
        Assert.Equal((2, 1), (signals["vpn"].HelpfulVotes, signals["vpn"].UnhelpfulVotes));
        Assert.Equal(["vpn from home"], signals["vpn"].HelpfulQueries);
    }

    private static TicketSubmission Ticket(string key) => new()
    {
        IdempotencyKey = key,
        Subject = "VPN fails with error 809",
        Description = "I tried the troubleshooting article.\nStill failing.",
        Name = "Alex Lindqvist",
        Email = "alex@example.com",
        Language = "en",
        Route = "/expenses/new",
        Context = new Dictionary<string, string> { ["searches"] = "vpn (2)" },
        SubmittedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero),
    };
}
