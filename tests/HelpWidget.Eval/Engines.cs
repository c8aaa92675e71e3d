using System.Globalization;
using HelpWidget.Lucene;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using HelpWidget.Embeddings.Onnx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Eval;

/// <summary>A search engine under evaluation: built once over a corpus, then asked for the top ten ids of each query.</summary>
internal interface IEvalEngine : IDisposable
{
    string Name { get; }

    Task<IReadOnlyList<string>> SearchAsync(QueryLine query);
}

/// <summary>
/// Plain BM25 in Lucene.Net: the dataset's language analyzer over title (boost 2) and text, the query escaped
/// and OR'ed; no prefix, fuzzy, synonyms or other signals.
/// </summary>
internal sealed class BaselineEngine : IEvalEngine
{
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly MultiFieldQueryParser _parser;
    private readonly Analyzer _analyzer;

    public BaselineEngine(Dataset dataset)
    {
        _analyzer = BaselineAnalyzers.For(dataset.Language);
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var line in dataset.Corpus)
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", line.Id, Field.Store.YES),
                    new TextField("title", line.Title, Field.Store.NO),
                    new TextField("text", line.Text, Field.Store.NO),
                });
            }
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, ["title", "text"], _analyzer, new Dictionary<string, float> { ["title"] = 2f, ["text"] = 1f })
        {
            DefaultOperator = Operator.OR,
        };
    }

    public string Name => "baseline";

    public Task<IReadOnlyList<string>> SearchAsync(QueryLine query)
    {
        Query parsed;
        try
        {
            parsed = _parser.Parse(QueryParserBase.Escape(query.Text));
        }
        catch (ParseException)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        var top = _searcher.Search(parsed, 10);
        return Task.FromResult<IReadOnlyList<string>>([.. top.ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("id", CultureInfo.InvariantCulture))]);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}

/// <summary>The product's engine with its shipped defaults, registered the way an app registers it.</summary>
internal sealed class ProductEngine : IEvalEngine
{
    private readonly ServiceProvider _services;
    private readonly IKnowledgeProvider _provider;
    private readonly string _language;

    private ProductEngine(ServiceProvider services, string language, string name)
    {
        _services = services;
        _provider = services.GetRequiredService<IKnowledgeProvider>();
        _language = language;
        Name = name;
    }

    public string Name { get; }

    /// <summary>
    /// Builds the engine; <paramref name="signals"/> stand for what the store learned from readers' answers. With
    /// <paramref name="semantic"/> set, an English dataset also gets the local embedding model (the articles' vectors
    /// are computed before the first query, and kept in a cache folder between runs); other languages have no model
    /// and stay lexical.
    /// </summary>
    public static async Task<ProductEngine> CreateAsync(Dataset dataset, IReadOnlyDictionary<string, ArticleSignals>? signals = null, string name = "lucene", SemanticSettings? semantic = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IArticleSource>(new DatasetArticleSource(dataset));
        if (signals is not null)
        {
            services.AddSingleton<IArticleSignalSource>(new FixedSignals(signals));
        }

        var widget = services.AddHelpWidget(options => options.DefaultLanguage = dataset.Language).AddLuceneSearch(options => options.DefaultLanguage = dataset.Language);
        var withModel = semantic is not null && dataset.Language == "en";
        if (semantic is not null)
        {
            services.Configure<SemanticSearchOptions>(options =>
            {
                options.VectorCachePath = Path.Combine(Path.GetTempPath(), "helpwidget-eval-vectors");
                options.Weight = semantic.Weight ?? options.Weight;
                options.MinSimilarity = semantic.MinSimilarity ?? options.MinSimilarity;
                // The evaluation measures the ranking, not the machine's load: a query always gets its vector.
                options.QueryTimeout = TimeSpan.FromSeconds(10);
            });
        }

        if (withModel)
        {
            widget.AddOnnxEmbeddings(dataset.Language);
        }

        var engine = new ProductEngine(services.BuildServiceProvider(), dataset.Language, name);
        await engine._provider.SearchAsync(new SearchRequest { Query = "warm up", Language = dataset.Language });
        if (withModel)
        {
            await ((LuceneKnowledgeProvider)engine._provider).WaitForVectorsAsync(dataset.Language);
        }

        return engine;
    }

    public async Task<IReadOnlyList<string>> SearchAsync(QueryLine query)
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = query.Text, Language = _language, MaxResults = 10 });
        return [.. results.Hits.Select(h => h.Id)];
    }

    public void Dispose() => _services.Dispose();

    private sealed class FixedSignals(IReadOnlyDictionary<string, ArticleSignals> signals) : IArticleSignalSource
    {
        public Task<IReadOnlyDictionary<string, ArticleSignals>> GetArticleSignalsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(signals);
    }

    private sealed class DatasetArticleSource(Dataset dataset) : IArticleSource
    {
        public event EventHandler? ArticlesChanged
        {
            add { }
            remove { }
        }

        public Task<IReadOnlyList<HelpArticle>> LoadArticlesAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<HelpArticle>>([.. dataset.Corpus.Select(line => new HelpArticle
            {
                Id = line.Id,
                Language = dataset.Language,
                Title = line.Title,
                Text = line.Text,
            })]);
    }
}

/// <summary>
/// The product's engine after readers have used it: the queries are cut into five folds, and each fold is answered by
/// an engine whose store holds, as searches after which readers found an article helpful, the clean queries of one
/// to four other folds with their relevant articles (by default one: a fifth of the questions, as if one asker in
/// five had answered "Yes"). It shows what learning from use adds; a query never sees its own text.
/// </summary>
internal sealed class LearnedEngine : IEvalEngine
{
    public const int Folds = 5;

    private readonly ProductEngine[] _engines;

    private LearnedEngine(ProductEngine[] engines, string name)
    {
        _engines = engines;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Builds one engine per fold; each learns the queries of the <paramref name="learnFrom"/> folds after its own (1 to 4).</summary>
    public static async Task<LearnedEngine> CreateAsync(Dataset dataset, IReadOnlyList<QueryLine> history, int learnFrom, SemanticSettings? semantic = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(learnFrom, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(learnFrom, Folds - 1);
        var engines = new ProductEngine[Folds];
        for (var fold = 0; fold < Folds; fold++)
        {
            var learned = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var query in history.Where(q => (Fold(q.Id) - fold + Folds) % Folds is var distance && distance > 0 && distance <= learnFrom))
            {
                foreach (var article in dataset.Relevant.GetValueOrDefault(query.Id) ?? [])
                {
                    (learned.TryGetValue(article, out var list) ? list : learned[article] = []).Add(query.Text.ToLowerInvariant());
                }
            }

            var signals = learned.ToDictionary(
                entry => entry.Key,
                entry => new ArticleSignals { HelpfulVotes = entry.Value.Count, HelpfulQueries = entry.Value },
                StringComparer.Ordinal);
            engines[fold] = await ProductEngine.CreateAsync(dataset, signals, semantic is null ? "lucene-use" : "hybrid-use", semantic);
        }

        return new LearnedEngine(engines, semantic is null ? "lucene-use" : "hybrid-use");
    }

    public Task<IReadOnlyList<string>> SearchAsync(QueryLine query) => _engines[Fold(query.Id)].SearchAsync(query);

    public void Dispose()
    {
        foreach (var engine in _engines)
        {
            engine.Dispose();
        }
    }

    /// <summary>A fold from the query id, the same in every run and on every machine (FNV-1a).</summary>
    private static int Fold(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Folds);
    }
}

/// <summary>The meaning-aware layer of <c>--engine hybrid</c>; a value left <see langword="null"/> keeps the shipped default.</summary>
internal sealed record SemanticSettings(double? Weight = null, double? MinSimilarity = null);

internal static class BaselineAnalyzers
{
    public static Analyzer For(string language) => language switch
    {
        "en" => new global::Lucene.Net.Analysis.En.EnglishAnalyzer(LuceneVersion.LUCENE_48),
        "sv" => new global::Lucene.Net.Analysis.Sv.SwedishAnalyzer(LuceneVersion.LUCENE_48),
        "nb" or "nn" or "no" => new global::Lucene.Net.Analysis.No.NorwegianAnalyzer(LuceneVersion.LUCENE_48),
        "da" => new global::Lucene.Net.Analysis.Da.DanishAnalyzer(LuceneVersion.LUCENE_48),
        "fi" => new global::Lucene.Net.Analysis.Fi.FinnishAnalyzer(LuceneVersion.LUCENE_48),
        "de" => new global::Lucene.Net.Analysis.De.GermanAnalyzer(LuceneVersion.LUCENE_48),
        _ => new global::Lucene.Net.Analysis.Standard.StandardAnalyzer(LuceneVersion.LUCENE_48),
    };
}
