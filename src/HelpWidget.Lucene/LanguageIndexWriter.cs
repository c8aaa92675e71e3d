using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene;

/// <summary>
/// The index of one language across reloads: its directory, the writer that applies each change, and the analyzers.
/// A reload writes only the articles that differ and opens a near-real-time reader on the result; readers already in
/// use keep seeing the index as it was when they were opened.
/// </summary>
/// <remarks>
/// Reference-counted: the provider holds it while the language has articles, and each <see cref="LanguageIndex"/>
/// holds it while searches may use it; the last release closes it. <see cref="Apply"/> and <see cref="Open"/> are
/// called by one reload at a time. After either throws, the writer must be released and the language built anew.
/// </remarks>
internal sealed class LanguageIndexWriter
{
    private readonly global::Lucene.Net.Store.Directory _directory;
    private readonly IndexWriter _writer;
    private readonly string? _folder;
    private readonly ILogger _logger;
    /// <summary>The most learned searches indexed per article.</summary>
    private const int MaxAsked = 20;

    private IReadOnlyDictionary<string, HelpArticle> _articles = new Dictionary<string, HelpArticle>();
    private Dictionary<string, Asked> _asked = new(StringComparer.Ordinal);
    private DirectoryReader _reader;
    private Dictionary<object, string[]> _idsBySegment = [];
    private int _references = 1;

    private LanguageIndexWriter(string language, AnalyzerSet analyzers, SearchTuning tuning, global::Lucene.Net.Store.Directory directory, IndexWriter writer, string? folder, ILogger logger)
    {
        Language = language;
        Analyzer = analyzers.Language;
        NGramAnalyzer = analyzers.NGrams;
        WordAnalyzer = analyzers.Words;
        RawWordAnalyzer = analyzers.RawWords;
        Tuning = tuning;
        _directory = directory;
        _writer = writer;
        _folder = folder;
        _logger = logger;
        _reader = DirectoryReader.Open(writer, applyAllDeletes: true);
    }

    public string Language { get; }

    public Analyzer Analyzer { get; }

    public Analyzer NGramAnalyzer { get; }

    public Analyzer WordAnalyzer { get; }

    public Analyzer RawWordAnalyzer { get; }

    public SearchTuning Tuning { get; }

    /// <summary>
    /// Creates an empty index, in <paramref name="folder"/> or, when it is <see langword="null"/>, in memory;
    /// <see cref="Apply"/> writes the articles.
    /// </summary>
    public static LanguageIndexWriter Create(string language, SearchTuning tuning, string? folder, ILogger logger)
    {
        var analyzers = new AnalyzerSet(
            Analyzers.For(language),
            Analyzers.NGrams(tuning.NGramMin, tuning.NGramMax),
            Analyzers.Words(fold: true),
            Analyzers.Words(fold: false));
        var perField = new PerFieldAnalyzerWrapper(analyzers.Language, new Dictionary<string, Analyzer>
        {
            [LanguageIndex.NGramField] = analyzers.NGrams,
            [LanguageIndex.WordsField] = analyzers.Words,
        });
        var config = new IndexWriterConfig(Analyzers.Version, perField)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = LearnedTrust.Similarity,
            // Large enough that a help centre's first build is written as one segment: fewer merges, one term dictionary to search.
            RAMBufferSizeMB = 256,
            // Merges run inside a reload, where a failure is caught and the language rebuilt; a background merge
            // thread's exception would end the process instead. Reloads write a few documents, so merges are small.
            MergeScheduler = new SerialMergeScheduler(),
            // Every term of a query is looked up in every segment. Merging four small segments at a time keeps at
            // most four beside the large one, and seldom rewrites the large one just to add a few documents to it
            // (with the default of ten, every tenth reload merged the whole index: 0.5 s at 10,000 articles).
            MergePolicy = new TieredMergePolicy { SegmentsPerTier = 4, MaxMergeAtOnce = 4 },
        };

        global::Lucene.Net.Store.Directory directory = folder is null
            ? new RAMDirectory()
            : FSDirectory.Open(Path.Combine(folder, IsPlainTag(language) ? language : "other"));
        IndexWriter? writer = null;
        try
        {
            writer = new IndexWriter(directory, config);
            return new LanguageIndexWriter(language, analyzers, tuning, directory, writer, folder, logger);
        }
        catch
        {
            writer?.Rollback();
            directory.Dispose();
            analyzers.Dispose();
            DeleteFolder(folder);
            throw;
        }
    }

    /// <summary>
    /// Writes the differences between the indexed articles and <paramref name="articles"/>: new ids are added, ids
    /// no longer present are deleted, and articles whose indexed content differs are replaced. An article that is the
    /// same object as the indexed one is unchanged for sure; another object with the same content is only recorded.
    /// Of several articles with the same id, the first is indexed. An article whose learned searches
    /// (<see cref="ArticleSignals.HelpfulQueries"/> in <paramref name="signals"/>) changed is written again.
    /// </summary>
    public IndexChanges Apply(IReadOnlyList<HelpArticle> articles, IReadOnlyDictionary<string, ArticleSignals>? signals = null)
    {
        var next = ById(articles);
        if (_articles.Count == 0 && next.Count >= ParallelBuildFrom && Environment.ProcessorCount > 1)
        {
            return WriteFirst(next, signals);
        }

        var nextAsked = new Dictionary<string, Asked>(StringComparer.Ordinal);
        int added = 0, changed = 0, replaced = 0;
        List<string>? refused = null;
        foreach (var (id, article) in next)
        {
            var asked = AskedOf(signals?.GetValueOrDefault(id));
            if (asked.Text is { Length: > 0 })
            {
                nextAsked[id] = asked;
            }

            var isIndexed = _articles.TryGetValue(id, out var indexed);
            var sameAsked = asked == _asked.GetValueOrDefault(id);
            if (isIndexed && sameAsked && ReferenceEquals(indexed, article))
            {
                continue;
            }

            if (isIndexed && sameAsked && SameIndexedContent(indexed!, article))
            {
                replaced++;
            }
            else if (!Write(article, asked, replace: isIndexed))
            {
                // Its previous version, if any, is deleted below: searches never show a version the source no longer has.
                (refused ??= []).Add(id);
            }
            else if (isIndexed)
            {
                changed++;
            }
            else
            {
                added++;
            }
        }

        foreach (var id in refused ?? [])
        {
            next.Remove(id);
        }

        var removed = 0;
        foreach (var id in _articles.Keys)
        {
            if (!next.ContainsKey(id))
            {
                _writer.DeleteDocuments(IdTerm(id));
                removed++;
            }
        }

        var changes = new IndexChanges(added, changed, removed);
        if (changes.Total > 0 && DirectoryReader.OpenIfChanged(_reader, _writer, applyAllDeletes: true) is { } reader)
        {
            _reader.DecRef();
            _reader = reader;
        }

        if (changes.Total > 0 || replaced > 0)
        {
            _articles = next;
        }

        _asked = nextAsked;

        return changes;
    }

    /// <summary>
    /// The first build of a large index: the articles are analysed on as many threads as there are cores (at most
    /// <see cref="MaxBuildThreads"/>), each writing its own share in order, then merged into one segment, as a build on
    /// one thread leaves it (every query term is looked up in every segment). At 10,000 articles on 2 cores this takes
    /// about two thirds of the time of one thread. Smaller indexes are written on one thread, so their document order,
    /// which breaks ties between equal scores, is the articles' order.
    /// </summary>
    private IndexChanges WriteFirst(Dictionary<string, HelpArticle> next, IReadOnlyDictionary<string, ArticleSignals>? signals)
    {
        var all = next.Values.ToArray();
        var asked = new Asked[all.Length];
        var nextAsked = new Dictionary<string, Asked>(StringComparer.Ordinal);
        for (var i = 0; i < all.Length; i++)
        {
            asked[i] = AskedOf(signals?.GetValueOrDefault(all[i].Id));
            if (asked[i].Text is { Length: > 0 })
            {
                nextAsked[all[i].Id] = asked[i];
            }
        }

        var refused = new System.Collections.Concurrent.ConcurrentBag<string>();
        var workers = Math.Min(Environment.ProcessorCount, MaxBuildThreads);
        var share = (all.Length + workers - 1) / workers;
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                for (var i = worker * share; i < Math.Min(all.Length, (worker + 1) * share); i++)
                {
                    if (!Write(all[i], asked[i], replace: false))
                    {
                        refused.Add(all[i].Id);
                    }
                }
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        foreach (var id in refused)
        {
            next.Remove(id);
        }

        _writer.ForceMerge(1);
        if (DirectoryReader.OpenIfChanged(_reader, _writer, applyAllDeletes: true) is { } reader)
        {
            _reader.DecRef();
            _reader = reader;
        }

        _articles = next;
        _asked = nextAsked;
        return new IndexChanges(next.Count, 0, 0);
    }

    /// <summary>The articles from which a first build is written on several threads.</summary>
    internal const int ParallelBuildFrom = 2000;

    /// <summary>The most threads a first build is written on.</summary>
    private const int MaxBuildThreads = 4;

    /// <summary>Merges the index into one segment when changes left it in several; <see cref="Open"/> then reads the result.</summary>
    /// <returns><see langword="true"/> when it merged.</returns>
    public bool Compact()
    {
        if (_reader.Leaves.Count <= 1)
        {
            return false;
        }

        _writer.ForceMerge(1);
        if (DirectoryReader.OpenIfChanged(_reader, _writer, applyAllDeletes: true) is { } reader)
        {
            _reader.DecRef();
            _reader = reader;
        }

        return true;
    }

    /// <summary>Gets a value indicating whether <paramref name="index"/> shows the articles as last applied to this writer.</summary>
    public bool IsCurrent(LanguageIndex index) => ReferenceEquals(index.IndexedArticles, _articles);

    /// <summary>A point-in-time view of the index as last applied, for searches; the caller releases it.</summary>
    /// <exception cref="InvalidOperationException">The index does not hold exactly the articles it was given.</exception>
    public LanguageIndex Open(Synonyms synonyms)
    {
        var byDocument = ArticlesByDocument();
        _reader.IncRef();
        Interlocked.Increment(ref _references);
        return new LanguageIndex(this, _reader, _articles, byDocument, synonyms);
    }

    /// <summary>Ends one holder's use; the last one closes the writer and deletes the index.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0)
        {
            return;
        }

        _reader.DecRef();
        try
        {
            // Nothing is kept: the index is always built from the articles at start.
            _writer.Rollback();
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // A writer that failed earlier has nothing left to undo; the folder is removed below or at the next start.
        }

        _directory.Dispose();
        Analyzer.Dispose();
        NGramAnalyzer.Dispose();
        WordAnalyzer.Dispose();
        RawWordAnalyzer.Dispose();
        DeleteFolder(_folder);
    }

    /// <summary>
    /// Gets a value indicating whether <paramref name="language"/> is a plain language tag (ASCII letters, digits and
    /// hyphens), safe to use in a file name. A source may report any text as a language.
    /// </summary>
    public static bool IsPlainTag(string language) =>
        language.Length is > 0 and <= 35 && language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static void DeleteFolder(string? folder)
    {
        if (folder is null)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still open elsewhere: the next start removes the folder.
        }
    }

    /// <summary>
    /// The article of each live document of the current reader. Document numbers change as segments are added and
    /// merged, so they are mapped through the id field; the ids of a segment never change and are read once.
    /// </summary>
    private HelpArticle[] ArticlesByDocument()
    {
        var byDocument = new HelpArticle[_reader.MaxDoc];
        var idsBySegment = new Dictionary<object, string[]>();
        var live = 0;
        foreach (var leaf in _reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            if (!_idsBySegment.TryGetValue(segment.CoreCacheKey, out var ids))
            {
                ids = ReadIds(segment);
            }

            idsBySegment[segment.CoreCacheKey] = ids;
            var liveDocs = segment.LiveDocs;
            for (var document = 0; document < ids.Length; document++)
            {
                if (liveDocs is not null && !liveDocs.Get(document))
                {
                    continue;
                }

                byDocument[leaf.DocBase + document] = _articles.GetValueOrDefault(ids[document] ?? string.Empty)
                    ?? throw new InvalidOperationException($"The '{Language}' index holds a document with no article (id '{ids[document]}').");
                live++;
            }
        }

        if (live != _articles.Count)
        {
            throw new InvalidOperationException($"The '{Language}' index holds {live} documents for {_articles.Count} articles.");
        }

        _idsBySegment = idsBySegment;
        return byDocument;
    }

    /// <summary>Writes an article's document; one that Lucene refuses (a term too long for it) is left out with a warning.</summary>
    private bool Write(HelpArticle article, Asked asked, bool replace)
    {
        var document = LanguageIndex.ToDocument(article, Tuning, asked.Text ?? string.Empty, asked.Trust);
        try
        {
            if (replace)
            {
                _writer.UpdateDocument(IdTerm(article.Id), document);
            }
            else
            {
                _writer.AddDocument(document);
            }

            return true;
        }
        catch (ArgumentException)
        {
            // Lucene leaves the refused document out and the index stays usable.
            Log.ArticleNotIndexed(_logger, article.Id, Language);
            return false;
        }
    }

    private static Term IdTerm(string id) => new(LanguageIndex.IdField, id);

    /// <summary>The id of each document of a segment, from the id field's terms.</summary>
    private static string[] ReadIds(AtomicReader segment)
    {
        var ids = new string[segment.MaxDoc];
        var termsEnum = segment.GetTerms(LanguageIndex.IdField)?.GetEnumerator();
        DocsEnum? docs = null;
        while (termsEnum is not null && termsEnum.MoveNext())
        {
            var id = termsEnum.Term.Utf8ToString();
            docs = termsEnum.Docs(null, docs, DocsFlags.NONE);
            for (var document = docs.NextDoc(); document != DocIdSetIterator.NO_MORE_DOCS; document = docs.NextDoc())
            {
                ids[document] = id;
            }
        }

        return ids;
    }

    private static Dictionary<string, HelpArticle> ById(IReadOnlyList<HelpArticle> articles)
    {
        var byId = new Dictionary<string, HelpArticle>(articles.Count, StringComparer.Ordinal);
        foreach (var article in articles)
        {
            byId.TryAdd(article.Id, article);
        }

        return byId;
    }

    /// <summary>
    /// The searches learned for an article, as the text of its asked field (the most frequent, one a line), and how
    /// much they count (<see cref="LearnedTrust"/>); none when nobody's answers give them any weight.
    /// </summary>
    private Asked AskedOf(ArticleSignals? signals)
    {
        var trust = signals is null || signals.HelpfulQueries.Count == 0 ? 0 : LearnedTrust.Of(signals, Tuning.AskedHalfTrustVotes);
        if (trust <= 0)
        {
            return default;
        }

        return new Asked(string.Join('\n', signals!.HelpfulQueries.Take(MaxAsked).Select(q => q.Length > ArticleFeedback.MaxQueryLength ? q[..ArticleFeedback.MaxQueryLength] : q)), trust);
    }

    /// <summary>Compares what <see cref="LanguageIndex.ToDocument"/> writes, for sources that return new objects on every load.</summary>
    private static bool SameIndexedContent(HelpArticle a, HelpArticle b) =>
        a.Title == b.Title
        && a.Summary == b.Summary
        && a.Text == b.Text
        && a.Tags.SequenceEqual(b.Tags, StringComparer.Ordinal)
        && a.Contexts.SequenceEqual(b.Contexts, StringComparer.Ordinal)
        && a.Audiences.SequenceEqual(b.Audiences, StringComparer.Ordinal)
        && a.Area == b.Area;

    /// <summary>The learned searches of an article and their trust; <see langword="default"/> when it has none.</summary>
    private readonly record struct Asked(string? Text, float Trust);

    private sealed record AnalyzerSet(Analyzer Language, Analyzer NGrams, Analyzer Words, Analyzer RawWords) : IDisposable
    {
        public void Dispose()
        {
            Language.Dispose();
            NGrams.Dispose();
            Words.Dispose();
            RawWords.Dispose();
        }
    }
}
