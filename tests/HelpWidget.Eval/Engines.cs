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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Eval;

/// <summary>A search engine under evaluation: built once over a corpus, then asked for the top ten ids of each query.</summary>
internal interface IEvalEngine : IDisposable
{
    string Name { get; }

    Task<IReadOnlyList<string>> SearchAsync(string query);
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

    public Task<IReadOnlyList<string>> SearchAsync(string query)
    {
        Query parsed;
        try
        {
            parsed = _parser.Parse(QueryParserBase.Escape(query));
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

    private ProductEngine(ServiceProvider services, string language)
    {
        _services = services;
        _provider = services.GetRequiredService<IKnowledgeProvider>();
        _language = language;
    }

    public string Name => "lucene";

    public static async Task<ProductEngine> CreateAsync(Dataset dataset)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IArticleSource>(new DatasetArticleSource(dataset));
        services.AddHelpWidget(options => options.DefaultLanguage = dataset.Language).AddLuceneSearch();
        var engine = new ProductEngine(services.BuildServiceProvider(), dataset.Language);
        await engine._provider.SearchAsync(new SearchRequest { Query = "warm up", Language = dataset.Language });
        return engine;
    }

    public async Task<IReadOnlyList<string>> SearchAsync(string query)
    {
        var results = await _provider.SearchAsync(new SearchRequest { Query = query, Language = _language, MaxResults = 10 });
        return [.. results.Hits.Select(h => h.Id)];
    }

    public void Dispose() => _services.Dispose();

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
