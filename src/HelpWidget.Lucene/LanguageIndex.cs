using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
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
    public const string ContextField = "ctx";
    public const string AudienceField = "aud";
    public const string Everyone = "*";

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;

    private LanguageIndex(string language, Analyzer analyzer, RAMDirectory directory, IReadOnlyList<HelpArticle> articles)
    {
        Language = language;
        Analyzer = analyzer;
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        Searcher = new IndexSearcher(_reader);
        Articles = articles;
    }

    public string Language { get; }

    public Analyzer Analyzer { get; }

    public IndexSearcher Searcher { get; }

    public IndexReader Reader => _reader;

    /// <summary>Gets the articles by Lucene document number.</summary>
    public IReadOnlyList<HelpArticle> Articles { get; }

    public static LanguageIndex Build(string language, IReadOnlyList<HelpArticle> articles)
    {
        var analyzer = Analyzers.For(language);
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Analyzers.Version, analyzer) { OpenMode = OpenMode.CREATE }))
        {
            foreach (var article in articles)
            {
                writer.AddDocument(ToDocument(article));
            }

            writer.Commit();
        }

        return new LanguageIndex(language, analyzer, directory, articles);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        Analyzer.Dispose();
    }

    private static Document ToDocument(HelpArticle article)
    {
        var document = new Document
        {
            new StringField(IdField, article.Id, Field.Store.YES),
            new TextField(TitleField, article.Title, Field.Store.NO),
            new TextField(SummaryField, article.Summary, Field.Store.NO),
            new TextField(TagsField, string.Join(" ; ", article.Tags), Field.Store.NO),
            new TextField(BodyField, article.Text, Field.Store.NO),
        };

        foreach (var context in article.Contexts)
        {
            document.Add(new StringField(ContextField, NormaliseContext(context), Field.Store.NO));
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

    /// <summary>Lower-cases a context and removes a trailing slash from routes, so <c>/Leave/</c> and <c>/leave</c> match.</summary>
    public static string NormaliseContext(string context)
    {
        var value = context.Trim().ToLowerInvariant();
        return value.Length > 1 && value.EndsWith('/') ? value.TrimEnd('/') : value;
    }
}
