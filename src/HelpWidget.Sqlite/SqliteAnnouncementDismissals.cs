using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Sqlite;

/// <summary>Keeps signed-in users' dismissed announcements in the store's SQLite file.</summary>
internal sealed class SqliteAnnouncementDismissals : IAnnouncementDismissals, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS announcement_dismissals (
            user_id TEXT NOT NULL,
            announcement_id TEXT NOT NULL,
            dismissed_at TEXT NOT NULL,
            PRIMARY KEY (user_id, announcement_id)
        );
        """;

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteAnnouncementDismissals(IOptions<SqliteStoreOptions> options, TimeProvider time, IHostEnvironment? environment = null)
    {
        _database = new SqliteDatabase(options.Value, environment, CreateSchemaAsync);
        _time = time;
    }

    public void Dispose() => _database.Dispose();

    public async Task<IReadOnlySet<string>> GetDismissedAsync(string userId, CancellationToken cancellationToken = default)
    {
        Check(userId, nameof(userId), 256);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT announcement_id FROM announcement_dismissals WHERE user_id = $user;";
        command.Parameters.AddWithValue("$user", userId);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task DismissAsync(string userId, string announcementId, CancellationToken cancellationToken = default)
    {
        Check(userId, nameof(userId), 256);
        Check(announcementId, nameof(announcementId), 128);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO announcement_dismissals (user_id, announcement_id, dismissed_at) VALUES ($user, $id, $at)
            ON CONFLICT (user_id, announcement_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$id", announcementId);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Check(string value, string name, int maxLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Length > maxLength || value.Any(char.IsControl))
        {
            throw new ArgumentException($"{name} must be at most {maxLength} characters without control characters.", name);
        }
    }

    private static async Task CreateSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _database.OpenAsync(cancellationToken);
}
