using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Sqlite;

/// <summary>Keeps tickets and feedback in one SQLite file, in WAL mode so readers never wait for writers.</summary>
internal sealed class SqliteHelpStore : IHelpStore, IArticleSignalSource, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS tickets (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            reference TEXT UNIQUE,
            idempotency_key TEXT NOT NULL UNIQUE,
            subject TEXT NOT NULL,
            description TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            language TEXT,
            route TEXT,
            context_json TEXT NOT NULL,
            submitted_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            feedback_id TEXT,
            article_id TEXT NOT NULL,
            language TEXT NOT NULL,
            helpful INTEGER NOT NULL,
            reason TEXT,
            comment TEXT,
            route TEXT,
            created_at TEXT NOT NULL
        );
        """;

    /// <summary>Brings a database made by an earlier version up to date; each step is safe to run again.</summary>
    private const string Migrations = """
        CREATE UNIQUE INDEX IF NOT EXISTS feedback_feedback_id ON feedback (feedback_id);
        """;

    private readonly string _connectionString;
    private readonly string? _directory;
    private readonly SemaphoreSlim _schemaLock = new(1, 1);
    private volatile bool _schemaReady;

    public SqliteHelpStore(IOptions<SqliteStoreOptions> options, IHostEnvironment? environment = null)
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.ConnectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && !Path.IsPathRooted(builder.DataSource)
            && !builder.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? AppContext.BaseDirectory, builder.DataSource));
        }

        builder.Pooling = true;
        _connectionString = builder.ToString();
        _directory = builder.Mode == SqliteOpenMode.Memory || !Path.IsPathRooted(builder.DataSource) ? null : Path.GetDirectoryName(builder.DataSource);
    }

    public async Task<TicketReceipt> SaveTicketAsync(TicketSubmission ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ticket.Validate();
        await using var connection = await OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: the write lock is taken up front, so two submissions of one key cannot interleave.
        await using var transaction = connection.BeginTransaction(deferred: false);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO tickets (idempotency_key, subject, description, name, email, language, route, context_json, submitted_at)
                VALUES ($key, $subject, $description, $name, $email, $language, $route, $context, $submitted)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id;
                """;
            insert.Parameters.AddWithValue("$key", ticket.IdempotencyKey);
            insert.Parameters.AddWithValue("$subject", ticket.Subject);
            insert.Parameters.AddWithValue("$description", ticket.Description);
            insert.Parameters.AddWithValue("$name", ticket.Name);
            insert.Parameters.AddWithValue("$email", ticket.Email);
            insert.Parameters.AddWithValue("$language", (object?)ticket.Language ?? DBNull.Value);
            insert.Parameters.AddWithValue("$route", (object?)ticket.Route ?? DBNull.Value);
            insert.Parameters.AddWithValue("$context", JsonSerializer.Serialize(ticket.Context));
            insert.Parameters.AddWithValue("$submitted", ticket.SubmittedAt.ToString("O", CultureInfo.InvariantCulture));
            if (await insert.ExecuteScalarAsync(cancellationToken) is long id)
            {
                var reference = Reference(id);
                await using var update = connection.CreateCommand();
                update.Transaction = transaction;
                update.CommandText = "UPDATE tickets SET reference = $reference WHERE id = $id;";
                update.Parameters.AddWithValue("$reference", reference);
                update.Parameters.AddWithValue("$id", id);
                await update.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new TicketReceipt { Reference = reference, SubmittedAt = ticket.SubmittedAt, Created = true };
            }
        }

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT reference, submitted_at FROM tickets WHERE idempotency_key = $key;";
        select.Parameters.AddWithValue("$key", ticket.IdempotencyKey);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var receipt = new TicketReceipt
        {
            Reference = reader.GetString(0),
            SubmittedAt = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
            Created = false,
        };
        await reader.DisposeAsync();
        await transaction.CommitAsync(cancellationToken);
        return receipt;
    }

    public async Task<StoredTicket?> GetTicketAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT reference, idempotency_key, subject, description, name, email, language, route, context_json, submitted_at
            FROM tickets WHERE reference = $reference;
            """;
        command.Parameters.AddWithValue("$reference", reference);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredTicket
        {
            Reference = reader.GetString(0),
            Submission = new TicketSubmission
            {
                IdempotencyKey = reader.GetString(1),
                Subject = reader.GetString(2),
                Description = reader.GetString(3),
                Name = reader.GetString(4),
                Email = reader.GetString(5),
                Language = reader.IsDBNull(6) ? null : reader.GetString(6),
                Route = reader.IsDBNull(7) ? null : reader.GetString(7),
                Context = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [],
                SubmittedAt = DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture),
            },
        };
    }

    public async Task SaveFeedbackAsync(ArticleFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback.Validate();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO feedback (feedback_id, article_id, language, helpful, reason, comment, route, created_at)
            VALUES ($id, $article, $language, $helpful, $reason, $comment, $route, $created)
            ON CONFLICT (feedback_id) DO UPDATE SET
                helpful = excluded.helpful, reason = excluded.reason, comment = excluded.comment, created_at = excluded.created_at;
            """;
        command.Parameters.AddWithValue("$id", (object?)feedback.FeedbackId ?? DBNull.Value);
        command.Parameters.AddWithValue("$article", feedback.ArticleId);
        command.Parameters.AddWithValue("$language", feedback.Language);
        command.Parameters.AddWithValue("$helpful", feedback.Helpful ? 1 : 0);
        command.Parameters.AddWithValue("$reason", (object?)feedback.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$comment", (object?)feedback.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$route", (object?)feedback.Route ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", feedback.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT article_id, SUM(helpful), COUNT(*) - SUM(helpful) FROM feedback GROUP BY article_id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var signals = new Dictionary<string, ArticleSignals>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            signals[reader.GetString(0)] = new ArticleSignals { HelpfulVotes = reader.GetInt32(1), UnhelpfulVotes = reader.GetInt32(2) };
        }

        return signals;
    }

    /// <summary>Counts the stored tickets; for tests and diagnostics.</summary>
    internal async Task<long> CountTicketsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tickets;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public void Dispose() => _schemaLock.Dispose();

    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('feedback') WHERE name = 'feedback_id';";
            if ((long)(await columns.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                await using var add = connection.CreateCommand();
                add.CommandText = "ALTER TABLE feedback ADD COLUMN feedback_id TEXT;";
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var migrations = connection.CreateCommand();
        migrations.CommandText = Migrations;
        await migrations.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Reference(long id) => string.Create(CultureInfo.InvariantCulture, $"HW-{id:D6}");

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_schemaReady && _directory is not null)
        {
            Directory.CreateDirectory(_directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout = 10000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!_schemaReady)
            {
                await _schemaLock.WaitAsync(cancellationToken);
                try
                {
                    if (!_schemaReady)
                    {
                        await using var command = connection.CreateCommand();
                        command.CommandText = Schema;
                        await command.ExecuteNonQueryAsync(cancellationToken);
                        await MigrateAsync(connection, cancellationToken);
                        _schemaReady = true;
                    }
                }
                finally
                {
                    _schemaLock.Release();
                }
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
