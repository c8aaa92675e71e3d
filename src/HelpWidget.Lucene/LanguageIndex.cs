using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;

namespace HelpWidget.Lucene;

/// <summary>
/// The searchable index of the articles of one language at one moment: a point-in-time reader of the language's
/// <see cref="LanguageIndexWriter"/>. Immutable; safe for concurrent searches. Reference-counted: each snapshot that
/// uses it holds it, and the last release closes its reader.
/// </summary>
internal sealed class LanguageIndex
{
    public const string IdField = "id";
    public const string TitleField = "title";
    public const string SummaryField = "summary";
    public const string TagsField = "tags";
    public const string BodyField = "body";
    public const string NGramField = "ng";
    public const string WordsField = "words";

    /// <summary>The field of searches after which readers found the article helpful (<see cref="ArticleSignals.HelpfulQueries"/>).</summary>
    public const string AskedField = "asked";
    public const string ContextField = "ctx";
    public const string AudienceField = "aud";

    /// <summary>The keyword field of the article's area, lower-cased; absent for an article in no area.</summary>
    public const string AreaField = "area";
    public const string Everyone = "*";

    private readonly LanguageIndexWriter _writer;
    private readonly DirectoryReader _reader;
    private readonly HelpArticle[] _byDocument;
    private readonly ScannedText?[] _scanned;
    private readonly HashSet<string> _fieldsWithTerms;
    private int _references = 1;

    /// <summary>Takes over one reference of <paramref name="reader"/> and of <paramref name="writer"/>.</summary>
    internal LanguageIndex(LanguageIndexWriter writer, DirectoryReader reader, IReadOnlyDictionary<string, HelpArticle> articles, HelpArticle[] byDocument, Synonyms synonyms)
    {
        _writer = writer;
        _reader = reader;
        _byDocument = byDocument;
        _scanned = new ScannedText?[byDocument.Length];
        IndexedArticles = articles;
        Synonyms = synonyms;
        Searcher = new IndexSearcher(reader) { Similarity = LearnedTrust.Similarity };
        HasRestrictedArticles = articles.Values.Any(a => a.Audiences.Count > 0);
        _fieldsWithTerms = [.. new[] { TitleField, SummaryField, TagsField, BodyField, WordsField, NGramField, AskedField }.Where(f => MultiFields.GetTerms(reader, f) is not null)];
    }

    public string Language => _writer.Language;

    /// <summary>Gets the language's analyzer (stemming, stop words).</summary>
    public Analyzer Analyzer => _writer.Analyzer;

    public Analyzer NGramAnalyzer => _writer.NGramAnalyzer;

    /// <summary>Gets the analyzer of the word field: lower-cased, folded, unstemmed words.</summary>
    public Analyzer WordAnalyzer => _writer.WordAnalyzer;

    /// <summary>Gets lower-cased, unstemmed words as typed, diacritics kept.</summary>
    public Analyzer RawWordAnalyzer => _writer.RawWordAnalyzer;

    public SearchTuning Tuning => _writer.Tuning;

    public Synonyms Synonyms { get; }

    public IndexSearcher Searcher { get; }

    public IndexReader Reader => _reader;

    /// <summary>Gets the indexed articles by id.</summary>
    public IReadOnlyDictionary<string, HelpArticle> IndexedArticles { get; }

    /// <summary>Gets the indexed articles.</summary>
    public IEnumerable<HelpArticle> Articles => IndexedArticles.Values;

    /// <summary>Gets a value indicating whether any article has an audience; when none has, no audience filter is needed.</summary>
    public bool HasRestrictedArticles { get; }

    /// <summary>Gets the filter of the documents <paramref name="user"/> may see.</summary>
    public AudienceFilter AudienceFilter(HelpUser user) => Lucene.AudienceFilter.For(this, user, _audienceFilters);

    /// <summary>The best <paramref name="count"/> documents of <paramref name="query"/> that <paramref name="user"/> may see.</summary>
    public TopDocs Search(Query query, HelpUser user, int count) =>
        Lucene.AudienceFilter.Search(Searcher, query, count, HasRestrictedArticles ? AudienceFilter(user) : null);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AudienceFilter> _audienceFilters = new(StringComparer.Ordinal);

    /// <summary>Gets the article of a document of <see cref="Reader"/>; <see langword="null"/> for a deleted one.</summary>
    public HelpArticle? ArticleOrNull(int document) => (uint)document < (uint)_byDocument.Length ? _byDocument[document] : null;

    /// <summary>Gets the article of a live document of <see cref="Reader"/>.</summary>
    public HelpArticle Article(int document) => _byDocument[document];

    /// <summary>Gets a value indicating whether any article has words in <paramref name="field"/>; queries skip empty fields.</summary>
    public bool HasTerms(string field) => _fieldsWithTerms.Contains(field);

    /// <summary>Builds the snippet of an article; its text is prepared the first time it is a hit.</summary>
    public string Snippet(int document, QueryText query)
    {
        var text = _byDocument[document].Text;
        // A race computes the same array twice; either copy is correct.
        var scanned = _scanned[document] ??= SnippetBuilder.Scan(text);
        return SnippetBuilder.Build(text, scanned, query);
    }

    /// <summary>Holds the index for one more snapshot; only called by a holder, so it is never closed meanwhile.</summary>
    public LanguageIndex Acquire()
    {
        Interlocked.Increment(ref _references);
        return this;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _reader.DecRef();
            _writer.Release();
        }
    }

    /// <summary>The context term of a tag: <c>#</c> and the tag in lower case.</summary>
    public static string TagContext(string tag) => "#" + tag.Trim().ToLowerInvariant();

    /// <summary>Lower-cases a context and removes a trailing slash from routes, so <c>/Leave/</c> and <c>/leave</c> match.</summary>
    public static string NormaliseContext(string context)
    {
        var value = context.Trim().ToLowerInvariant();
        return value.Length > 1 && value.EndsWith('/') ? value.TrimEnd('/') : value;
    }

    /// <summary>Words with frequencies and lengths, without positions: no query uses them, and they double the index.</summary>
    private static readonly FieldType s_text = new(TextField.TYPE_NOT_STORED) { IndexOptions = IndexOptions.DOCS_AND_FREQS };

    private static Field Text(string name, string value) => new(name, value, s_text);

    /// <summary>The document of an article; its id field is the key that updates and deletes replace it by.</summary>
    internal static Document ToDocument(HelpArticle article, SearchTuning tuning, string asked = "", float askedTrust = 1)
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

        if (asked.Length > 0)
        {
            document.Add(Text(AskedField, asked));
            document.Add(new SingleDocValuesField(LearnedTrust.Field, askedTrust));
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

        if (article.Area is { Length: > 0 } area)
        {
            document.Add(new StringField(AreaField, area.ToLowerInvariant(), Field.Store.NO));
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
