using System.Globalization;
using System.Text.Json;
using HelpWidget.Eval;

// dotnet run -c Release --project tests/HelpWidget.Eval -- <dataset-folder> [--queries <file>] [--engine <name>]
// dotnet run -c Release --project tests/HelpWidget.Eval -- <dataset-folder> --engine postgres --postgres "<connection string>": see PostgresEvaluation.
if (args.Contains("--postgres"))
{
    return await PostgresEvaluation.RunAsync(args);
}

string? folder = null;
var queryFile = "queries.jsonl";
string? engineName = null;
string? detailsFile = null;
var completeCutWord = false;
var learnFrom = 1;
var semantic = new SemanticSettings();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--queries" when i + 1 < args.Length:
            queryFile = args[++i];
            break;
        case "--details" when i + 1 < args.Length:
            detailsFile = args[++i];
            break;
        case "--engine" when i + 1 < args.Length:
            engineName = args[++i];
            break;
        case "--learn-from" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var folds) && folds is >= 1 and <= LearnedEngine.Folds - 1:
            learnFrom = folds;
            i++;
            break;
        case "--semantic-weight" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var weight) && weight is >= 0 and <= 1:
            semantic = semantic with { Weight = weight };
            i++;
            break;
        case "--min-similarity" when i + 1 < args.Length && double.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var similarity) && similarity is >= -1 and <= 1:
            semantic = semantic with { MinSimilarity = similarity };
            i++;
            break;
        case "--complete-cut-word":
            completeCutWord = true;
            break;
        case "-h" or "--help":
            Usage();
            return 0;
        default:
            if (args[i].StartsWith("--", StringComparison.Ordinal) || folder is not null)
            {
                Console.Error.WriteLine($"Unknown argument '{args[i]}'.");
                Usage();
                return 2;
            }

            folder = args[i];
            break;
    }
}

// lucene-use runs only when asked for: it is the product engine after use, not its shipped state.
string[] engines = ["baseline", "lucene"];
// hybrid (the engine with the local embedding model; lexical for languages without a model) also runs when asked for.
string[] optional = ["lucene-use", "hybrid", "hybrid-use"];
if (folder is null || (engineName is not null && !engines.Contains(engineName) && !optional.Contains(engineName)))
{
    Usage();
    return 2;
}

if (queryFile.Contains('/', StringComparison.Ordinal) || queryFile.Contains('\\', StringComparison.Ordinal))
{
    Console.Error.WriteLine("--queries names a file inside the dataset folder, such as queries_typo.jsonl.");
    return 2;
}

Dataset dataset;
try
{
    dataset = Dataset.Load(folder, queryFile);
}
catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Cannot read the dataset: {ex.Message}");
    return 2;
}

if (completeCutWord)
{
    // What word matching could reach on half-typed queries if the word being typed were always guessed right.
    dataset = dataset.WithCutWordsCompleted(Dataset.Load(folder, "queries.jsonl").Queries);
}

using var details = detailsFile is null ? null : new StreamWriter(detailsFile);
details?.WriteLine("engine\tquery\tfirst_relevant_rank\tquery_text\ttop5\trelevant");
var results = new List<EvalResult>();
foreach (var name in engineName is null ? engines : [engineName])
{
    using IEvalEngine engine = name switch
    {
        "baseline" => new BaselineEngine(dataset),
        "lucene-use" => await LearnedEngine.CreateAsync(dataset, Dataset.Load(folder, "queries.jsonl").Queries, learnFrom),
        "hybrid-use" => await LearnedEngine.CreateAsync(dataset, Dataset.Load(folder, "queries.jsonl").Queries, learnFrom, semantic),
        "hybrid" => await ProductEngine.CreateAsync(dataset, name: "hybrid", semantic: semantic),
        _ => await ProductEngine.CreateAsync(dataset),
    };
    results.Add(await Evaluation.RunAsync(dataset, engine, details));
}

Console.WriteLine($"{dataset.Name} ({dataset.Language}, {dataset.Corpus.Count} articles, {dataset.Queries.Count} queries from {queryFile})");
Console.WriteLine($"{"engine",-10} {"R@1",7} {"R@5",7} {"MRR@10",7} {"nDCG@10",8} {"p50 ms",8} {"p99 ms",8} {"KB/query",9}");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Engine,-10} {r.RecallAt1,7:F4} {r.RecallAt5,7:F4} {r.MrrAt10,7:F4} {r.NdcgAt10,8:F4} {r.P50Ms,8:F3} {r.P99Ms,8:F3} {r.AllocatedKbPerQuery,9:F1}"));
}

var json = results.Select(r => new Dictionary<string, object>
{
    ["dataset"] = r.Dataset,
    ["engine"] = r.Engine,
    ["queries"] = r.Queries,
    ["recall_at_1"] = r.RecallAt1,
    ["recall_at_5"] = r.RecallAt5,
    ["mrr_at_10"] = r.MrrAt10,
    ["ndcg_at_10"] = r.NdcgAt10,
    ["p50_ms"] = r.P50Ms,
    ["p99_ms"] = r.P99Ms,
}).ToList();
Console.WriteLine(json.Count == 1 ? JsonSerializer.Serialize(json[0]) : JsonSerializer.Serialize(json));
return 0;

static void Usage() => Console.Error.WriteLine(
    "usage: dotnet run -c Release --project tests/HelpWidget.Eval -- <dataset-folder> [--queries <file>] [--engine baseline|lucene|lucene-use|hybrid|hybrid-use] [--details <tsv-file>] [--complete-cut-word] [--learn-from 1-4] [--semantic-weight 0-1] [--min-similarity -1-1]");
