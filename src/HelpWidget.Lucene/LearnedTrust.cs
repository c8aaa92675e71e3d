using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace HelpWidget.Lucene;

/// <summary>
/// How much the searches learned for an article count: a learned way of asking is one reader's words, and when a single
/// reader's words match a new query better than a sibling article's own text does, that sibling would be pulled ahead
/// of the right answer. So the learned field's score is scaled, per article, by the readers who agree (the "Yes"
/// answers: one counts a little, many almost fully) and by their balance against the "No" answers.
/// </summary>
internal static class LearnedTrust
{
    /// <summary>The per-document doc-values field holding the trust of the article's learned searches.</summary>
    public const string Field = "asked_trust";

    /// <summary>The trust of the learned searches of an article with these answers, from 0 to 1.</summary>
    public static float Of(ArticleSignals signals, double halfTrustVotes)
    {
        var yes = Math.Max(0, signals.HelpfulVotes);
        var no = Math.Max(0, signals.UnhelpfulVotes);
        if (yes == 0)
        {
            return 0;
        }

        var balance = Math.Max(0, (double)(yes - no) / (yes + no));
        return (float)(balance * Math.Max(SingleReader, Agreement(yes, halfTrustVotes)));
    }

    /// <summary>
    /// How far <paramref name="votes"/> readers who agree are to be trusted, from 0 to 1: nothing for one reader, half at
    /// <paramref name="halfVotes"/>, growing fast with each further reader (the readers beyond the first, squared).
    /// </summary>
    public static double Agreement(int votes, double halfVotes)
    {
        double others = Math.Max(0, votes - 1);
        var half = Math.Max(1, halfVotes - 1);
        return others * others / ((others * others) + (half * half));
    }

    /// <summary>
    /// The trust of the searches learned from a single reader: enough to find an article that nothing else matches
    /// (the reader's own words), never enough to pass one whose own text matches.
    /// </summary>
    public const double SingleReader = 0.01;

    /// <summary>BM25 for every field, with the learned field's score scaled by its document's trust.</summary>
    public static Similarity Similarity { get; } = new PerField();

    private sealed class PerField : PerFieldSimilarityWrapper
    {
        private readonly BM25Similarity _bm25 = new();
        private readonly Trusted _trusted;

        public PerField() => _trusted = new Trusted(_bm25);

        public override Similarity Get(string name) => name == LanguageIndex.AskedField ? _trusted : _bm25;
    }

    private sealed class Trusted(BM25Similarity inner) : Similarity
    {
        public override long ComputeNorm(FieldInvertState state) => inner.ComputeNorm(state);

        public override SimWeight ComputeWeight(float queryBoost, CollectionStatistics collectionStats, params TermStatistics[] termStats) =>
            inner.ComputeWeight(queryBoost, collectionStats, termStats);

        public override SimScorer GetSimScorer(SimWeight weight, AtomicReaderContext context) =>
            new Scorer(inner.GetSimScorer(weight, context), context.AtomicReader.GetNumericDocValues(Field));

        private sealed class Scorer(SimScorer inner, NumericDocValues? trust) : SimScorer
        {
            public override float Score(int doc, float freq) =>
                trust is null ? 0 : inner.Score(doc, freq) * BitConverter.Int32BitsToSingle((int)trust.Get(doc));

            public override float ComputeSlopFactor(int distance) => inner.ComputeSlopFactor(distance);

            public override float ComputePayloadFactor(int doc, int start, int end, BytesRef payload) => inner.ComputePayloadFactor(doc, start, end, payload);
        }
    }
}
