using Npgsql;

namespace HelpWidget.PostgreSql;

/// <summary>Keeps signed-in users' dismissed announcements in the store's schema, so every instance knows them.</summary>
internal sealed class PostgreSqlAnnouncementDismissals(PostgreSqlDatabase database, TimeProvider time) : IAnnouncementDismissals
{
    public async Task<IReadOnlySet<string>> GetDismissedAsync(string userId, CancellationToken cancellationToken = default)
    {
        Check(userId, nameof(userId), 256);
        return await database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand("SELECT announcement_id FROM announcement_dismissals WHERE user_id = $1;", connection);
                command.Parameters.AddWithValue(userId);
                var ids = new HashSet<string>(StringComparer.Ordinal);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }

                return ids;
            },
            cancellationToken);
    }

    public async Task DismissAsync(string userId, string announcementId, CancellationToken cancellationToken = default)
    {
        Check(userId, nameof(userId), 256);
        Check(announcementId, nameof(announcementId), 128);
        await database.ExecuteAsync(
            async (connection, cancellationToken) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO announcement_dismissals (user_id, announcement_id, dismissed_at) VALUES ($1, $2, $3)
                    ON CONFLICT (user_id, announcement_id) DO NOTHING;
                    """,
                    connection);
                command.Parameters.AddWithValue(userId);
                command.Parameters.AddWithValue(announcementId);
                command.Parameters.AddWithValue(time.GetUtcNow());
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    private static void Check(string value, string name, int maxLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (InputRules.CheckText(value, maxLength, required: true) != InputProblem.None)
        {
            throw new ArgumentException($"{name} must be at most {maxLength} characters without control characters.", name);
        }
    }
}
