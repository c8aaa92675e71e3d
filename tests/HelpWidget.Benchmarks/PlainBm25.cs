using System.Globalization;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HelpWidget.Benchmarks;

/// <summary>
/// Plain BM25 in Lucene.Net over the same articles, for the latency report's reference row: English analysis, title
/// (×2) and text, the query's terms OR'ed; no completions, corrections, synonyms or second stage. Its figures make
/// every other row read as a ratio on any machine.
/// </summary>
internal sealed class PlainBm25 : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly EnglishAnalyzer _analyzer = new(LuceneVersion.LUCENE_48);
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;

    public PlainBm25(IReadOnlyList<HelpArticle> articles)
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, _analyzer) { Similarity = new BM25Similarity() }))
        {
            foreach (var article in articles)
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", article.Id, Field.Store.YES),
                    new TextField("title", article.Title, Field.Store.NO),
                    new TextField("text", article.Text, Field.Store.NO),
                });
            }
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>The ids of the ten best articles.</summary>
    public List<string> Search(string text)
    {
        var query = new BooleanQuery();
        using (var stream = _analyzer.GetTokenStream("text", text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken() && query.Clauses.Count < 64)
            {
                query.Add(new TermQuery(new Term("title", term.ToString())) { Boost = 2 }, Occur.SHOULD);
                query.Add(new TermQuery(new Term("text", term.ToString())), Occur.SHOULD);
            }

            stream.End();
        }

        return [.. _searcher.Search(query, 10).ScoreDocs.Select(d => _searcher.Doc(d.Doc).Get("id", CultureInfo.InvariantCulture))];
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }
}
