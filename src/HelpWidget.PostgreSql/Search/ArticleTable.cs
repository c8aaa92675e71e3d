using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace HelpWidget.PostgreSql.Search;

/// <summary>The SQL of the <c>articles</c> table: reading what changed since a version, and publishing a full set of articles.</summary>
internal sealed class ArticleTable(PostgreSqlDatabase database, TimeProvider time) : IDisposable
{
    /// <summary>Each article object's content hash, computed once; the entry goes with the object.</summary>
    private readonly ConditionalWeakTable<HelpArticle, string> _hashes = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);

    /// <summary>What the table held after this instance's last publish, or <see langword="null"/> before one.</summary>
    private KnownRows? _known;

    /// <summary>The rows changed since a version, and the newest version in the table.</summary>
    public sealed record Changes(IReadOnlyList<Row> Rows, IReadOnlyList<(string Language, string Id)> Unreadable, long Newest);

    /// <summary>A row: the article, or <see langword="null"/> when it was removed.</summary>
    public sealed record Row(string Language, string Id, HelpArticle? Article);

    /// <summary>The hashes of the articles the table holds at a version.</summary>
    private sealed record KnownRows(Dictionary<(string Language, string Id), string> Rows, long Version);

    public Task<long> ReadNewestVersionAsync(CancellationToken cancellationToken) => database.ExecuteAsync(ReadNewestVersionAsync, cancellationToken);

    /// <summary>Reads the rows whose version is above <paramref name="since"/>; from 0, only the articles that exist.</summary>
    public Task<Changes> ReadChangesAsync(long since, CancellationToken cancellationToken) =>
        database.ExecuteAsync((connection, token) => ReadChangesAsync(connection, since, token), cancellationToken);

    private static async Task<long> ReadNewestVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM articles", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<Changes> ReadChangesAsync(NpgsqlConnection connection, long since, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT coalesce(max(version), 0) FROM articles"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "SELECT language, id, deleted, version, document::text FROM articles WHERE version > $1 AND ($1 > 0 OR NOT deleted) ORDER BY version")
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = since } },
        });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var newest = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<Row>();
        var unreadable = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var language = reader.GetString(0);
            var id = reader.GetString(1);
            newest = Math.Max(newest, reader.GetInt64(3));
            if (reader.GetBoolean(2))
            {
                rows.Add(new Row(language, id, null));
                continue;
            }

            var article = Read(reader.GetString(4));
            if (article is not null && string.Equals(article.Id, id, StringComparison.Ordinal) && string.Equals(article.Language, language, StringComparison.Ordinal))
            {
                rows.Add(new Row(language, id, article));
            }
            else
            {
                unreadable.Add((language, id));
            }
        }

        return new Changes(rows, unreadable, newest);
    }

    /// <summary>
    /// Makes the table hold exactly <paramref name="articles"/>: writes those that are new or whose content differs,
    /// marks those that are missing as removed, and notifies every instance once, all in one transaction. The cost
    /// grows with what changed, not with the number of articles: an article object is hashed once (articles are
    /// immutable), and the table's hashes are kept between publishes, reading only the rows changed since.
    /// </summary>
    public async Task<ArticlePublishResult> PublishAsync(IReadOnlyList<HelpArticle> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var incoming = new Dictionary<(string Language, string Id), (HelpArticle Article, string Hash)>(articles.Count);
        var refused = new List<ArticleRefusal>();
        foreach (var article in articles)
        {
            ArgumentNullException.ThrowIfNull(article, nameof(articles));
            if (ArticleDocument.Problem(article) is { } problem)
            {
                refused.Add(new ArticleRefusal { Id = article.Id, Language = article.Language, Reason = problem });
                continue;
            }

            var hash = _hashes.GetValue(article, static a => ArticleDocument.Hash(ArticleDocument.Serialize(a)));
            if (!incoming.TryAdd((article.Language, article.Id), (article, hash)))
            {
                refused.Add(new ArticleRefusal { Id = article.Id, Language = article.Language, Reason = "Another article has the same id and language; the first one is kept." });
            }
        }

        await _publishing.WaitAsync(cancellationToken);
        try
        {
            // Run again on a new connection when the server ended the session (a restart): nothing was committed then.
            return await database.ExecuteAsync((connection, token) => PublishUnderLockAsync(connection, incoming, refused, token), cancellationToken);
        }
        finally
        {
            _publishing.Release();
        }
    }

    private async Task<ArticlePublishResult> PublishUnderLockAsync(NpgsqlConnection connection, Dictionary<(string Language, string Id), (HelpArticle Article, string Hash)> incoming, List<ArticleRefusal> refused, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Publishers take turns, so that versions become visible in the order they were taken and no reader skips one.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(18519, hashtext('articles:' || current_schema()))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var known = await ReadKnownAsync(connection, transaction, cancellationToken);
        var write = incoming.Where(entry => !known.Rows.TryGetValue(entry.Key, out var hash) || hash != entry.Value.Hash).ToList();
        var remove = known.Rows.Keys.Where(key => !incoming.ContainsKey(key)).ToList();
        var added = write.Count(entry => !known.Rows.ContainsKey(entry.Key));
        var now = time.GetUtcNow();
        if (write.Count > 0)
        {
            await WriteAsync(connection, transaction, write, now, cancellationToken);
        }

        if (remove.Count > 0)
        {
            await using var delete = new NpgsqlCommand(
                """
                UPDATE articles SET deleted = true, document = '{}', content_hash = '', version = nextval('article_versions'), updated_at = $3
                FROM unnest($1::text[], $2::text[]) AS gone(language, id)
                WHERE articles.language = gone.language AND articles.id = gone.id
                """,
                connection,
                transaction)
            {
                Parameters =
                {
                    new NpgsqlParameter<string[]> { TypedValue = [.. remove.Select(key => key.Language)] },
                    new NpgsqlParameter<string[]> { TypedValue = [.. remove.Select(key => key.Id)] },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = now },
                },
            };
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var version = known.Version;
        if (write.Count + remove.Count > 0)
        {
            // Delivered to every listening instance when the transaction commits, and only then.
            await using var notify = new NpgsqlCommand(
                $"SELECT currval('article_versions'), pg_notify('{PostgreSqlArticleSource.Channel}', current_schema() || '/' || currval('article_versions'))",
                connection,
                transaction);
            version = (long)(await notify.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);

        // Committed: what the table now holds is known without reading it again.
        foreach (var (key, value) in write)
        {
            known.Rows[key] = value.Hash;
        }

        foreach (var key in remove)
        {
            known.Rows.Remove(key);
        }

        _known = known with { Version = version };
        return new ArticlePublishResult
        {
            Added = added,
            Changed = write.Count - added,
            Removed = remove.Count,
            Unchanged = incoming.Count - write.Count,
            Refused = refused,
        };
    }

    /// <summary>
    /// The hash of every article the table holds (removed ones left out), from what the last publish left and the rows
    /// changed since; all of it when there is nothing yet or the table was made anew. Called under the publishers' lock.
    /// </summary>
    private async Task<KnownRows> ReadKnownAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var known = _known;
        await using (var newest = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM articles", connection, transaction))
        {
            if (known is not null && (long)(await newest.ExecuteScalarAsync(cancellationToken))! < known.Version)
            {
                known = null;
            }
        }

        // A copy: a publish that fails must leave what is known as it was.
        var rows = known is null ? new Dictionary<(string, string), string>() : new Dictionary<(string, string), string>(known.Rows);
        var version = known?.Version ?? 0;
        await using var read = new NpgsqlCommand("SELECT language, id, content_hash, deleted, version FROM articles WHERE version > $1", connection, transaction)
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = version } },
        };
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (reader.GetBoolean(3))
            {
                rows.Remove(key);
            }
            else
            {
                rows[key] = reader.GetString(2);
            }

            version = Math.Max(version, reader.GetInt64(4));
        }

        return new KnownRows(rows, version);
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<KeyValuePair<(string Language, string Id), (HelpArticle Article, string Hash)>> write, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE article_incoming (language text NOT NULL, id text NOT NULL, content_hash text NOT NULL, document jsonb NOT NULL) ON COMMIT DROP",
            connection,
            transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var importer = await connection.BeginBinaryImportAsync("COPY article_incoming (language, id, content_hash, document) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (key, value) in write)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(key.Language, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(key.Id, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(value.Hash, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(Encoding.UTF8.GetString(ArticleDocument.Serialize(value.Article)), NpgsqlDbType.Jsonb, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand(
            """
            INSERT INTO articles (language, id, content_hash, document, deleted, version, updated_at)
            SELECT language, id, content_hash, document, false, nextval('article_versions'), $1 FROM article_incoming
            ON CONFLICT (language, id) DO UPDATE SET content_hash = excluded.content_hash, document = excluded.document,
                deleted = false, version = excluded.version, updated_at = excluded.updated_at
            """,
            connection,
            transaction)
        {
            Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = now } },
        };
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static HelpArticle? Read(string json)
    {
        try
        {
            return ArticleDocument.Deserialize(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _publishing.Dispose();
}
