using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

namespace HelpWidget.Lucene;

/// <summary>The searchable index of the articles of one language. Immutable once built; safe for concurrent searches.</summary>
internal sealed class LanguageIndex : IDisposable
{
    public const string IdField = "id";
    public const string TitleField = "title";
    public const string SummaryField = "summary";
    public const string TagsField = "tags";
    public const string BodyField = "body";
    public const string NGramField = "ng";
    public const string WordsField = "words";
    public const string ContextField = "ctx";
    public const string AudienceField = "aud";
    public const string Everyone = "*";

    private readonly global::Lucene.Net.Store.Directory _directory;
    private readonly DirectoryReader _reader;
    private readonly ScannedText?[] _scanned;
    private readonly HashSet<string> _fieldsWithTerms;

    private LanguageIndex(string language, Analyzer analyzer, Analyzer nGrams, Analyzer words, Analyzer rawWords, global::Lucene.Net.Store.Directory directory, IReadOnlyList<HelpArticle> articles, SearchTuning tuning, Synonyms synonyms)
    {
        Language = language;
        Analyzer = analyzer;
        NGramAnalyzer = nGrams;
        WordAnalyzer = words;
        RawWordAnalyzer = rawWords;
        Tuning = tuning;
        Synonyms = synonyms;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        Searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        Articles = articles;
        _scanned = new ScannedText?[articles.Count];
        HasRestrictedArticles = articles.Any(a => a.Audiences.Count > 0);
        _fieldsWithTerms = [.. new[] { TitleField, SummaryField, TagsField, BodyField, WordsField, NGramField }.Where(f => MultiFields.GetTerms(_reader, f) is not null)];
    }

    public string Language { get; }

    /// <summary>Gets the language's analyzer (stemming, stop words).</summary>
    public Analyzer Analyzer { get; }

    public Analyzer NGramAnalyzer { get; }

    /// <summary>Gets the analyzer of the word field: lower-cased, folded, unstemmed words.</summary>
    public Analyzer WordAnalyzer { get; }

    /// <summary>Gets lower-cased, unstemmed words as typed, diacritics kept.</summary>
    public Analyzer RawWordAnalyzer { get; }

    public SearchTuning Tuning { get; }

    public Synonyms Synonyms { get; }

    public IndexSearcher Searcher { get; }

    public IndexReader Reader => _reader;

    /// <summary>Gets the articles by Lucene document number.</summary>
    public IReadOnlyList<HelpArticle> Articles { get; }

    /// <summary>Gets a value indicating whether any article has words in <paramref name="field"/>; queries skip empty fields.</summary>
    public bool HasTerms(string field) => _fieldsWithTerms.Contains(field);

    /// <summary>Gets a value indicating whether any article has an audience; when none has, no audience filter is needed.</summary>
    public bool HasRestrictedArticles { get; }

    /// <summary>Builds the snippet of an article; its text is prepared the first time it is a hit.</summary>
    public string Snippet(int document, QueryText query)
    {
        var text = Articles[document].Text;
        // A race computes the same array twice; either copy is correct.
        var scanned = _scanned[document] ??= SnippetBuilder.Scan(text);
        return SnippetBuilder.Build(text, scanned, query);
    }

    public static LanguageIndex Build(string language, IReadOnlyList<HelpArticle> articles, SearchTuning tuning, Func<Analyzer, Synonyms>? synonyms = null, global::Lucene.Net.Store.Directory? directory = null)
    {
        var analyzer = Analyzers.For(language);
        var nGrams = Analyzers.NGrams(tuning.NGramMin, tuning.NGramMax);
        var words = Analyzers.Words(fold: true);
        var rawWords = Analyzers.Words(fold: false);
        var perField = new PerFieldAnalyzerWrapper(analyzer, new Dictionary<string, Analyzer> { [NGramField] = nGrams, [WordsField] = words });
        directory ??= new RAMDirectory();
        // A buffer large enough that a help centre's index is written as one segment: fewer merges while building,
        // one term dictionary to search.
        var config = new IndexWriterConfig(Analyzers.Version, perField) { OpenMode = OpenMode.CREATE, Similarity = new BM25Similarity(), RAMBufferSizeMB = 256 };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var article in articles)
            {
                writer.AddDocument(ToDocument(article, tuning));
            }

            writer.Commit();
        }

        return new LanguageIndex(language, analyzer, nGrams, words, rawWords, directory, articles, tuning, synonyms?.Invoke(words) ?? Synonyms.Empty);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        Analyzer.Dispose();
        NGramAnalyzer.Dispose();
        WordAnalyzer.Dispose();
        RawWordAnalyzer.Dispose();
    }

    /// <summary>Lower-cases a context and removes a trailing slash from routes, so <c>/Leave/</c> and <c>/leave</c> match.</summary>
    /// <summary>The context term of a tag: <c>#</c> and the tag in lower case.</summary>
    public static string TagContext(string tag) => "#" + tag.Trim().ToLowerInvariant();

    public static string NormaliseContext(string context)
    {
        var value = context.Trim().ToLowerInvariant();
        return value.Length > 1 && value.EndsWith('/') ? value.TrimEnd('/') : value;
    }

    /// <summary>Words with frequencies and lengths, without positions: no query uses them, and they double the index.</summary>
    private static readonly FieldType s_text = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };

    private static Field Text(string name, string value) => new(name, value, s_text);

    private static Document ToDocument(HelpArticle article, SearchTuning tuning)
    {
        var tags = string.Join(" ; ", article.Tags);
        var all = string.Join('\n', article.Title, article.Summary, tags, article.Text);
        var document = new Document
        {
            new StringField(IdField, article.Id, Field.Store.YES),
            Text(TitleField, article.Title),
            Text(SummaryField, article.Summary),
            Text(TagsField, tags),
            Text(BodyField, article.Text),
            Text(WordsField, all),
        };

        if (tuning.NGramWeight > 0)
        {
            document.Add(Text(NGramField, all));
        }

        foreach (var context in article.Contexts)
        {
            document.Add(new StringField(ContextField, NormaliseContext(context), Field.Store.NO));
        }

        foreach (var tag in article.Tags)
        {
            // Tags join the contexts under a '#' so a page that declares a tag finds its articles without text analysis.
            document.Add(new StringField(ContextField, TagContext(tag), Field.Store.NO));
        }

        if (article.Audiences.Count == 0)
        {
            document.Add(new StringField(AudienceField, Everyone, Field.Store.NO));
        }

        foreach (var audience in article.Audiences)
        {
            document.Add(new StringField(AudienceField, audience.ToLowerInvariant(), Field.Store.NO));
        }

        return document;
    }
}
