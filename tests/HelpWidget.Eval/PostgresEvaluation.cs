using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HelpWidget.Lucene;
using HelpWidget.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpWidget.Eval;

/// <summary>
/// <c>--engine postgres --postgres "&lt;connection string&gt;"</c>: the articles published into PostgreSQL and searched
/// through two instances of the product's path (the PostgreSQL article source feeding each instance's Lucene index),
/// next to the Lucene engine over the same articles in the same run, and, for the record, two rankings made in SQL
/// alone (OR-ed lexemes ranked by <c>ts_rank_cd</c>, and BM25 computed in SQL over the GIN candidate set). It creates
/// its own schema and drops it at the end. Without <c>--queries</c> it runs the clean, misspelt and half-typed queries.
/// </summary>
internal static class PostgresEvaluation
{
    private static readonly string[] QueryFiles = ["queries.jsonl", "queries_typo.jsonl", "queries_prefix.jsonl"];

    public static async Task<int> RunAsync(string[] args)
    {
        string? folder = null;
        string? connectionString = null;
        string? queryFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--postgres" when i + 1 < args.Length:
                    connectionString = args[++i];
                    break;
                case "--queries" when i + 1 < args.Length:
                    queryFile = args[++i];
                    break;
                case "--engine" when i + 1 < args.Length && args[i + 1] == "postgres":
                    i++;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || folder is not null)
                    {
                        Console.Error.WriteLine($"Unknown argument '{args[i]}'. usage: dotnet run -c Release --project tests/HelpWidget.Eval -- <dataset-folder> --engine postgres --postgres \"<connection string>\" [--queries <file>]");
                        return 2;
                    }

                    folder = args[i];
                    break;
            }
        }

        if (folder is null || string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project tests/HelpWidget.Eval -- <dataset-folder> --engine postgres --postgres \"<connection string>\" [--queries <file>]");
            return 2;
        }

        if (queryFile is not null && (queryFile.Contains('/', StringComparison.Ordinal) || queryFile.Contains('\\', StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("--queries names a file inside the dataset folder, such as queries_typo.jsonl.");
            return 2;
        }

        var sets = new List<(Dataset Set, string File)>();
        try
        {
            foreach (var file in queryFile is null ? QueryFiles : [queryFile])
            {
                sets.Add((Dataset.Load(folder, file), file));
            }
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot read the dataset: {ex.Message}");
            return 2;
        }

        NpgsqlDataSource admin;
        try
        {
            admin = NpgsqlDataSource.Create(connectionString);
            await using var probe = admin.CreateCommand("SELECT 1");
            await probe.ExecuteScalarAsync();
        }
        catch (Exception ex) when (ex is ArgumentException or NpgsqlException or System.Net.Sockets.SocketException)
        {
            Console.Error.WriteLine($"Cannot use the PostgreSQL server of --postgres: {ex.Message}");
            return 2;
        }

        await using var adminOwned = admin;
        var schema = "hw_eval_" + Guid.NewGuid().ToString("N")[..12];
        var json = new List<Dictionary<string, object>>();
        try
        {
            var corpus = sets[0].Set;
            await using var first = Instance(corpus, connectionString, schema);
            await using var second = Instance(corpus, connectionString, schema);
            var articles = corpus.Corpus.Select(line => new HelpArticle { Id = line.Id, Language = corpus.Language, Title = line.Title, Text = line.Text }).ToList();
            var started = Stopwatch.GetTimestamp();
            var published = await first.GetRequiredService<IArticlePublisher>().PublishAsync(articles);
            var publishMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var sql = await SqlRanking.CreateAsync(admin, schema, corpus.Language);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus.Name} ({corpus.Language}, {corpus.Corpus.Count} articles) published into PostgreSQL schema {schema} in {publishMs:F0} ms ({published.Added} added); SQL full-text index built in {sql.BuildMs:F0} ms"));
            foreach (var (set, file) in sets)
            {
                using var lucene = await ProductEngine.CreateAsync(set);
                var instances = new TwoInstances(set.Language, set.Queries.Count, first.GetRequiredService<IKnowledgeProvider>(), second.GetRequiredService<IKnowledgeProvider>());
                var results = new List<EvalResult>
                {
                    await Evaluation.RunAsync(set, lucene),
                    await Evaluation.RunAsync(set, instances),
                    await Evaluation.RunAsync(set, sql.Engine("pg-rank-cd", bm25: false)),
                    await Evaluation.RunAsync(set, sql.Engine("pg-bm25", bm25: true)),
                };
                Console.WriteLine($"{set.Name}, {set.Queries.Count} queries from {file}; postgres = two instances, PostgreSQL article source -> Lucene; the instances gave different lists for {instances.Disagreements} queries");
                Console.WriteLine($"{"engine",-11} {"R@1",7} {"R@5",7} {"MRR@10",7} {"nDCG@10",8} {"p50 ms",8} {"p99 ms",8}");
                foreach (var r in results)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Engine,-11} {r.RecallAt1,7:F4} {r.RecallAt5,7:F4} {r.MrrAt10,7:F4} {r.NdcgAt10,8:F4} {r.P50Ms,8:F3} {r.P99Ms,8:F3}"));
                    json.Add(new Dictionary<string, object>
                    {
                        ["dataset"] = r.Dataset,
                        ["queries"] = file,
                        ["engine"] = r.Engine,
                        ["recall_at_1"] = r.RecallAt1,
                        ["recall_at_5"] = r.RecallAt5,
                        ["mrr_at_10"] = r.MrrAt10,
                        ["p50_ms"] = r.P50Ms,
                        ["p99_ms"] = r.P99Ms,
                    });
                }

                var gap = Math.Abs(results[1].RecallAt5 - results[0].RecallAt5);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Recall@5 postgres - lucene: {results[1].RecallAt5 - results[0].RecallAt5:+0.0000;-0.0000;0.0000} ({(gap <= 0.02 ? "within" : "NOT within")} 0.02)"));
                if (instances.Disagreements > 0 || gap > 0.02)
                {
                    Environment.ExitCode = 1;
                }
            }
        }
        finally
        {
            await using var drop = admin.CreateCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE");
            await drop.ExecuteNonQueryAsync();
        }

        Console.WriteLine(JsonSerializer.Serialize(json));
        return Environment.ExitCode;
    }

    /// <summary>One instance of an app: the PostgreSQL store's schema, its articles, and Lucene over them.</summary>
    private static ServiceProvider Instance(Dataset dataset, string connectionString, string schema)
    {
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddHelpWidget(options => options.DefaultLanguage = dataset.Language)
            .AddPostgreSqlStore(options =>
            {
                options.ConnectionString = connectionString;
                options.Schema = schema;
            })
            .AddPostgreSqlArticles()
            .AddLuceneSearch(options => options.DefaultLanguage = dataset.Language);
        return services.BuildServiceProvider();
    }

    /// <summary>Queries go to the two instances in turn; in the first (untimed) round each query is asked of both, and their lists compared.</summary>
    private sealed class TwoInstances(string language, int compareFirst, IKnowledgeProvider first, IKnowledgeProvider second) : IEvalEngine
    {
        private int _turn;

        public string Name => "postgres";

        public int Disagreements { get; private set; }

        public async Task<IReadOnlyList<string>> SearchAsync(QueryLine query)
        {
            var request = new SearchRequest { Query = query.Text, Language = language, MaxResults = 10 };
            var (asked, other) = _turn++ % 2 == 0 ? (first, second) : (second, first);
            var ids = (await asked.SearchAsync(request)).Hits.Select(h => h.Id).ToList();
            // Only in the warm-up round, which is not timed.
            if (_turn <= compareFirst && !(await other.SearchAsync(request)).Hits.Select(h => h.Id).SequenceEqual(ids))
            {
                Disagreements++;
            }

            return ids;
        }

        public void Dispose()
        {
        }
    }
}
