using System.Diagnostics;
using Npgsql;

namespace HelpWidget.Eval;

/// <summary>
/// Search made in PostgreSQL alone, for comparison: a <c>tsvector</c> per article (title weighted A, text B) with a GIN
/// index, built in the evaluation's schema from the published articles. The query's words are stemmed by the
/// language's text-search configuration and OR-ed, so that an article matching any of them is a candidate; the
/// candidates are ranked either by <c>ts_rank_cd</c> or by BM25 (k1 1.2, b 0.75, a title occurrence counting twice)
/// computed in SQL from each lexeme's document frequency.
/// </summary>
internal sealed class SqlRanking
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _configuration;

    private SqlRanking(NpgsqlDataSource dataSource, string schema, string configuration, double buildMs)
    {
        _dataSource = dataSource;
        _schema = schema;
        _configuration = configuration;
        BuildMs = buildMs;
    }

    public double BuildMs { get; }

    public static async Task<SqlRanking> CreateAsync(NpgsqlDataSource dataSource, string schema, string language)
    {
        var configuration = language switch
        {
            "en" => "english",
            "sv" => "swedish",
            "nb" or "nn" or "no" => "norwegian",
            "da" => "danish",
            "fi" => "finnish",
            "de" => "german",
            _ => "simple",
        };
        var started = Stopwatch.GetTimestamp();
        await using var command = dataSource.CreateCommand(
            $"""
            CREATE TABLE {schema}.sql_rank AS
                SELECT id,
                       setweight(to_tsvector('{configuration}', document->>'Title'), 'A') || setweight(to_tsvector('{configuration}', document->>'Text'), 'B') AS tsv
                FROM {schema}.articles WHERE NOT deleted;
            ALTER TABLE {schema}.sql_rank ADD COLUMN length integer;
            UPDATE {schema}.sql_rank SET length = (SELECT coalesce(sum(array_length(positions, 1)), 0) FROM unnest(tsv));
            CREATE INDEX ON {schema}.sql_rank USING gin (tsv);
            CREATE TABLE {schema}.sql_terms AS SELECT word AS lexeme, ndoc AS df FROM ts_stat('SELECT tsv FROM {schema}.sql_rank');
            CREATE UNIQUE INDEX ON {schema}.sql_terms (lexeme);
            ANALYZE {schema}.sql_rank;
            ANALYZE {schema}.sql_terms;
            """);
        await command.ExecuteNonQueryAsync();
        return new SqlRanking(dataSource, schema, configuration, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public IEvalEngine Engine(string name, bool bm25) => new SqlEngine(this, name, bm25);

    /// <summary>The top ten ids for <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<string>> SearchAsync(string query, bool bm25)
    {
        // The query's lexemes, quoted so that no character of the query is read as tsquery syntax, OR-ed.
        var lexemes = $"(SELECT array_to_string(array(SELECT quote_literal(l) FROM unnest(tsvector_to_array(to_tsvector('{_configuration}', $1))) l), ' | '))";
        var sql = bm25
            ? $"""
              WITH q AS (SELECT nullif({lexemes}, '')::tsquery AS query),
                   stats AS (SELECT count(*)::float8 AS n, avg(length)::float8 AS avgdl FROM {_schema}.sql_rank),
                   candidates AS (SELECT r.id, r.tsv, r.length FROM {_schema}.sql_rank r, q WHERE r.tsv @@ q.query)
              SELECT c.id
              FROM candidates c
              CROSS JOIN LATERAL unnest(c.tsv) AS u(lexeme, positions, weights)
              JOIN {_schema}.sql_terms t ON t.lexeme = u.lexeme
              CROSS JOIN stats s
              CROSS JOIN LATERAL (SELECT sum(CASE w WHEN 'A' THEN 2 ELSE 1 END)::float8 AS tf FROM unnest(u.weights) w) f
              WHERE u.lexeme = ANY (tsvector_to_array(to_tsvector('{_configuration}', $1)))
              GROUP BY c.id
              ORDER BY sum(ln(1 + (s.n - t.df + 0.5) / (t.df + 0.5)) * f.tf * 2.2 / (f.tf + 1.2 * (0.25 + 0.75 * c.length / s.avgdl))) DESC, c.id
              LIMIT 10
              """
            : $"""
              WITH q AS (SELECT nullif({lexemes}, '')::tsquery AS query)
              SELECT r.id FROM {_schema}.sql_rank r, q WHERE r.tsv @@ q.query
              ORDER BY ts_rank_cd(r.tsv, q.query) DESC, r.id
              LIMIT 10
              """;
        await using var command = _dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(query);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>(10);
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private sealed class SqlEngine(SqlRanking ranking, string name, bool bm25) : IEvalEngine
    {
        public string Name => name;

        public Task<IReadOnlyList<string>> SearchAsync(QueryLine query) => ranking.SearchAsync(query.Text, bm25);

        public void Dispose()
        {
        }
    }
}
