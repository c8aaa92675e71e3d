using System.Diagnostics;
using System.Globalization;
using HelpWidget.Lucene;

namespace HelpWidget.Benchmarks;

/// <summary>
/// Where a lexical query's time goes at 10,000 articles: reading the query, building the Lucene query, Lucene's search,
/// and ranking with snippets; next to the whole search and to plain BM25 in the same run, so each figure reads as a ratio.
/// </summary>
internal static class LexicalSteps
{
    public static async Task RunAsync(TextWriter output, int rounds)
    {
        var corpus = SyntheticCorpus.Create(LatencyReport.Articles, LatencyReport.Queries);
        var started = Stopwatch.GetTimestamp();
        using var engine = new Engine(corpus.Articles);
        await engine.Provider.EnsureIndexAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index build (one, cold): {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms"));
        using var bm25 = new PlainBm25(corpus.Articles);
        var snapshot = engine.Provider.CurrentSnapshot!;
        var index = snapshot.Languages["en"];
        output.WriteLine($"{"queries",-8} {"parse",7} {"build",7} {"lucene",7} {"product",7} {"rank",7} {"clauses",8} | {"p50 ms",7} {"p99 ms",7} | {"bm25 p50",8} {"bm25 p99",8}");
        foreach (var (kind, queries) in corpus.Queries)
        {
            double parse = 0, build = 0, search = 0, rank = 0, clauses = 0, filtered = 0;
            var whole = new List<double>();
            var plain = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var text in queries)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var query = QueryText.Parse(text, index, 512);
                    var t1 = Stopwatch.GetTimestamp();
                    var lucene = QueryBuilder.Build(index, query);
                    var t2 = Stopwatch.GetTimestamp();
                    var top = index.Searcher.Search(lucene, 10 * Ranking.CandidatesPerResult);
                    var t3 = Stopwatch.GetTimestamp();
                    var snippets = top.ScoreDocs.Take(10).Select(d => index.Snippet(d.Doc, query)).ToList();
                    var t4 = Stopwatch.GetTimestamp();
                    _ = index.Search(lucene, HelpUser.Anonymous, 10 * Ranking.CandidatesPerResult);
                    var t5 = Stopwatch.GetTimestamp();
                    if (round > 0)
                    {
                        parse += Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                        build += Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds;
                        search += Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds;
                        rank += Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds;
                        filtered += Stopwatch.GetElapsedTime(t4, t5).TotalMilliseconds;
                        clauses += Count(lucene);
                    }

                    var w = Stopwatch.GetTimestamp();
                    await engine.Provider.SearchAsync(new SearchRequest { Query = text, MaxResults = 10 });
                    var p = Stopwatch.GetTimestamp();
                    bm25.Search(text);
                    var e = Stopwatch.GetTimestamp();
                    if (round > 0)
                    {
                        whole.Add(Stopwatch.GetElapsedTime(w, p).TotalMilliseconds);
                        plain.Add(Stopwatch.GetElapsedTime(p, e).TotalMilliseconds);
                    }
                }
            }

            // Postings each part of the query walks: the cost of a disjunction grows with the documents its terms are in.
            var parts = new Dictionary<string, (double Postings, double Ms)>();
            foreach (var text in queries.Take(200))
            {
                var query = QueryText.Parse(text, index, 512);
                var lucene = QueryBuilder.Build(index, query);
                foreach (var clause in ((global::Lucene.Net.Search.BooleanQuery)lucene).Clauses)
                {
                    var name = clause.Query switch
                    {
                        global::Lucene.Net.Search.TermQuery t => "term:" + t.Term.Field,
                        global::Lucene.Net.Search.BooleanQuery => "ngrams",
                        _ => "best",
                    };
                    var terms = new HashSet<global::Lucene.Net.Index.Term>();
                    clause.Query.ExtractTerms(terms);
                    var single = new global::Lucene.Net.Search.BooleanQuery(true) { { clause.Query, global::Lucene.Net.Search.Occur.SHOULD } };
                    var t0 = Stopwatch.GetTimestamp();
                    index.Searcher.Search(single, 30);
                    var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    var old = parts.GetValueOrDefault(name);
                    parts[name] = (old.Postings + terms.Sum(t => index.Reader.DocFreq(t)), old.Ms + ms);
                }
            }

            output.WriteLine("   per query, alone: " + string.Join(", ", parts.OrderByDescending(p => p.Value.Postings).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value.Postings / 200:F0} postings {p.Value.Ms / 200:F2} ms"))));
            var n = (double)whole.Count;
            whole.Sort();
            plain.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind,-8} {parse / n,7:F3} {build / n,7:F3} {search / n,7:F3} {filtered / n,7:F3} {rank / n,7:F3} {clauses / n,8:F1} | {P(whole, 0.5),7:F3} {P(whole, 0.99),7:F3} | {P(plain, 0.5),8:F3} {P(plain, 0.99),8:F3}"));
        }
    }

    private static int Count(global::Lucene.Net.Search.Query query) => query switch
    {
        global::Lucene.Net.Search.BooleanQuery b => b.Clauses.Sum(c => Count(c.Query)),
        global::Lucene.Net.Search.DisjunctionMaxQuery d => d.Disjuncts.Sum(Count),
        _ => 1,
    };

    private static double P(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
