using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HelpWidget.Embeddings.Onnx;
using Microsoft.Extensions.AI;

// Usage: dotnet run -c Release --project tests/HelpWidget.Embeddings.Onnx.Benchmarks -- [--model ArcticXs|MiniLM] [--threads N] [--data ../shared]
// Reads the shared English set (eval/stackfaq) and the Outlook articles (data/kb-outlook) from the shared folder.
var model = OnnxEmbeddingModel.ArcticXs;
var threads = 1;
var shared = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared"));
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--model": model = Enum.Parse<OnnxEmbeddingModel>(args[i + 1], ignoreCase: true); break;
        case "--threads": threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--data": shared = Path.GetFullPath(args[i + 1]); break;
        default: throw new ArgumentException($"Unknown argument {args[i]}.");
    }
}

var stackfaq = Path.Combine(shared, "eval", "stackfaq");
var outlook = Path.Combine(shared, "data", "kb-outlook");
if (!Directory.Exists(stackfaq) || !Directory.Exists(outlook))
{
    Console.Error.WriteLine($"The shared data is not at {shared} (eval/stackfaq, data/kb-outlook): pass --data <folder>.");
    return 2;
}

var corpus = ReadJsonLines(Path.Combine(stackfaq, "corpus.jsonl")).Select(d => (Id: d["id"], Text: d["title"] + "\n\n" + d["text"])).ToList();
var queries = ReadJsonLines(Path.Combine(stackfaq, "queries.jsonl")).Select(q => (Id: q["id"], Text: q["text"])).ToList();
var relevant = File.ReadLines(Path.Combine(stackfaq, "qrels.tsv")).Skip(1).Select(l => l.Split('\t')).ToLookup(p => p[0], p => p[1]);
var articles = Directory.EnumerateFiles(outlook, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();

EmbeddingGenerationOptions asQuery = new() { AdditionalProperties = new() { ["input_type"] = "query" } };
EmbeddingGenerationOptions asDocument = new() { AdditionalProperties = new() { ["input_type"] = "document" } };

Console.WriteLine($"model {model}, intra-op threads {threads}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown")}");
var before = Memory();
using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { Model = model, IntraOpThreads = threads });
var started = Stopwatch.GetTimestamp();
await generator.GenerateAsync(["warm up"], asQuery);
var load = Stopwatch.GetElapsedTime(started);
var loaded = Memory();
Console.WriteLine($"load + first call: {load.TotalMilliseconds:F0} ms; memory {before.WorkingSet} -> {loaded.WorkingSet} MB working set ({loaded.WorkingSet - before.WorkingSet:+0;-0} MB), managed heap {loaded.Managed} MB");

// One query per call, as the search asks while someone types.
var queryTimes = new List<double>();
var queryVectors = new Dictionary<string, float[]>();
var cpu = CpuTime();
foreach (var (id, text) in queries)
{
    var t = Stopwatch.GetTimestamp();
    var vector = (await generator.GenerateAsync([text], asQuery))[0].Vector.ToArray();
    queryTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    queryVectors[id] = vector;
}

Console.WriteLine($"query, one per call ({queries.Count}): {Percentiles(queryTimes)}; CPU {(CpuTime() - cpu).TotalMilliseconds / queries.Count:F1} ms per query");

// One article per call (the background indexer's worst case), then batches of 16.
var articleTimes = new List<double>();
cpu = CpuTime();
foreach (var article in articles)
{
    var t = Stopwatch.GetTimestamp();
    await generator.GenerateAsync([article], asDocument);
    articleTimes.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
}

Console.WriteLine($"Outlook article, one per call ({articles.Count}, cut at 256 tokens): {Percentiles(articleTimes)}; CPU {(CpuTime() - cpu).TotalMilliseconds / articles.Count:F1} ms per article");

var singleStarted = Stopwatch.GetTimestamp();
cpu = CpuTime();
foreach (var (_, text) in corpus)
{
    await generator.GenerateAsync([text], asDocument);
}

var singleElapsed = Stopwatch.GetElapsedTime(singleStarted);
Console.WriteLine($"stackfaq corpus one per call ({corpus.Count} articles): {singleElapsed.TotalSeconds:F1} s, {singleElapsed.TotalMilliseconds / corpus.Count:F1} ms per article; CPU {(CpuTime() - cpu).TotalMilliseconds / corpus.Count:F1} ms per article");

var batchStarted = Stopwatch.GetTimestamp();
cpu = CpuTime();
var documentVectors = new List<float[]>();
foreach (var chunk in corpus.Chunk(16))
{
    documentVectors.AddRange((await generator.GenerateAsync(chunk.Select(d => d.Text), asDocument)).Select(e => e.Vector.ToArray()));
}

var batchElapsed = Stopwatch.GetElapsedTime(batchStarted);
Console.WriteLine($"stackfaq corpus in batches of 16 ({corpus.Count} articles): {batchElapsed.TotalSeconds:F1} s, {batchElapsed.TotalMilliseconds / corpus.Count:F1} ms per article; CPU {(CpuTime() - cpu).TotalMilliseconds / corpus.Count:F1} ms per article");
var after = Memory();
Console.WriteLine($"memory after the run: {after.WorkingSet} MB working set, managed heap {after.Managed} MB");

// Dense-only ranking of the 419 articles for every clean question: is the model used as it is meant to be?
var (r1, r5) = Recall(queries, queryVectors, documentVectors, corpus, relevant);
var noPrefix = new Dictionary<string, float[]>();
using (var plain = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { Model = model, IntraOpThreads = threads, QueryPrefix = string.Empty }))
{
    await plain.GenerateAsync(["warm up"], asQuery);
    cpu = CpuTime();
    foreach (var chunk in queries.Chunk(64))
    {
        var vectors = await plain.GenerateAsync(chunk.Select(q => q.Text), asQuery);
        for (var i = 0; i < chunk.Length; i++)
        {
            noPrefix[chunk[i].Id] = vectors[i].Vector.ToArray();
        }
    }

    Console.WriteLine($"queries without a prefix, 64 per call ({queries.Count}): CPU {(CpuTime() - cpu).TotalMilliseconds / queries.Count:F1} ms per query");
}

var (p1, p5) = Recall(queries, noPrefix, documentVectors, corpus, relevant);
Console.WriteLine($"dense-only stackfaq clean Recall@1 / Recall@5: {r1:F3} / {r5:F3} (queries without any prefix: {p1:F3} / {p5:F3})");
return 0;

static (double At1, double At5) Recall(List<(string Id, string Text)> queries, Dictionary<string, float[]> queryVectors, List<float[]> documents, List<(string Id, string Text)> corpus, ILookup<string, string> relevant)
{
    double at1 = 0, at5 = 0;
    foreach (var (id, _) in queries)
    {
        var q = queryVectors[id];
        var top = documents.Select((d, i) => (Score: Dot(q, d), Id: corpus[i].Id)).OrderByDescending(s => s.Score).Take(5).Select(s => s.Id).ToList();
        var wanted = relevant[id].ToHashSet();
        at1 += wanted.Contains(top[0]) ? 1 : 0;
        at5 += top.Any(wanted.Contains) ? 1 : 0;
    }

    return (at1 / queries.Count, at5 / queries.Count);
}

static float Dot(float[] a, float[] b)
{
    var sum = 0f;
    for (var i = 0; i < a.Length; i++)
    {
        sum += a[i] * b[i];
    }

    return sum;
}

static string Percentiles(List<double> times)
{
    var sorted = times.Order().ToList();
    double At(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    return $"p50 {At(0.50):F1} ms, p95 {At(0.95):F1} ms, p99 {At(0.99):F1} ms, mean {sorted.Average():F1} ms";
}

// CPU time of the whole process: with one ONNX thread it is close to what a call takes on an idle core, however loaded the machine.
static TimeSpan CpuTime()
{
    using var process = Process.GetCurrentProcess();
    return process.TotalProcessorTime;
}

static (long WorkingSet, long Managed) Memory()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    return (process.WorkingSet64 / (1024 * 1024), GC.GetTotalMemory(false) / (1024 * 1024));
}

static IEnumerable<Dictionary<string, string>> ReadJsonLines(string path) =>
    File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Dictionary<string, string>>(l)!);
