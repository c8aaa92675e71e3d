using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpWidget.Lucene;

/// <summary>
/// Turns a typed query into a Lucene query: BM25 over the word fields, plus helper clauses only where they can
/// matter: completions of the word being typed, corrections of words the index does not contain, and character
/// n-grams for unknown and long (compound) words.
/// </summary>
internal static class QueryBuilder
{
    /// <summary>Synonym groups expanded for one query at most, so no synonym file can push a query past Lucene's clause limit.</summary>
    private const int MaxSynonymExpansions = 16;

    public static Query Build(LanguageIndex index, QueryText text)
    {
        var tuning = index.Tuning;
        var query = new BooleanQuery(disableCoord: true);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var term in text.Terms)
        {
            // Flat in the top-level query (the score is the same sum): one scorer instead of one per word.
            AddFields(query, index, term);
            known.Add(term);
        }

        for (var i = 0; i < text.Words.Count; i++)
        {
            var word = text.Words[i];
            if (word == text.Prefix || StemIsKnown(index, text.RawWords[i]))
            {
                continue;
            }

            if (Vocabulary.DocFreq(index, word) > 0)
            {
                // The index has the word written with diacritics ("losenord" for "lösenord"): match it folded.
                AddIfPresent(query, index, LanguageIndex.WordsField, word, tuning.BodyBoost);
                continue;
            }

            // A word the index does not contain is probably misspelt: its closest indexed words stand in for it.
            if (word.Length >= 4 && tuning.FuzzyBoost > 0)
            {
                var corrections = Vocabulary.Corrections(index, word, MaxEdits(word), tuning.Corrections);
                if (corrections.Count > 0)
                {
                    query.Add(Best(index, corrections.Select(c => (string[])[c]), tuning.FuzzyBoost, known), Occur.SHOULD);
                }
            }
        }

        foreach (var alternatives in index.Synonyms.Expansions(text.Words).Take(MaxSynonymExpansions))
        {
            query.Add(Best(index, alternatives, tuning.SynonymBoost, known), Occur.SHOULD);
        }

        // The word being typed scores as its best completion, the way a whole word would.
        if (text.Prefix is { } prefix && tuning.PrefixBoost > 0)
        {
            var completions = Vocabulary.Completions(index, prefix, tuning.PrefixExpansions);
            if (completions.Count > 0)
            {
                query.Add(Best(index, completions.Select(c => (string[])[c]), tuning.PrefixBoost, known), Occur.SHOULD);
            }
        }

        if (tuning.NGramWeight > 0)
        {
            var words = text.Words.Where(word => NeedsNGrams(index, word, tuning)).ToList();
            if (words.Count > 0)
            {
                var nGrams = new BooleanQuery(disableCoord: true) { Boost = tuning.NGramWeight };
                // A gram in a large share of the articles ("tion", "ment") tells them apart little (its BM25 weight is a
                // fraction of a rare gram's) but costs the most to score: only the rarer grams are kept.
                var common = Math.Max(tuning.NGramMinCommonDocs, (int)(index.Reader.NumDocs * tuning.NGramMaxDocShare));
                foreach (var gram in QueryText.Analyse(index.NGramAnalyzer, LanguageIndex.NGramField, string.Join(' ', words)).Distinct(StringComparer.Ordinal).Take(256))
                {
                    AddIfPresent(nGrams, index, LanguageIndex.NGramField, gram, 1f, common);
                }

                if (nGrams.Clauses.Count > 0)
                {
                    query.Add(nGrams, Occur.SHOULD);
                }
            }
        }

        return query;
    }

    /// <summary>One analysed term over the word fields, each with its weight; fields without the term are left out.</summary>
    private static BooleanQuery Fields(LanguageIndex index, string term)
    {
        var fields = new BooleanQuery(disableCoord: true);
        AddFields(fields, index, term);
        return fields;
    }

    private static void AddFields(BooleanQuery query, LanguageIndex index, string term)
    {
        var tuning = index.Tuning;
        AddIfPresent(query, index, LanguageIndex.TitleField, term, tuning.TitleBoost);
        AddIfPresent(query, index, LanguageIndex.SummaryField, term, tuning.SummaryBoost);
        AddIfPresent(query, index, LanguageIndex.TagsField, term, tuning.TagsBoost);
        AddIfPresent(query, index, LanguageIndex.BodyField, term, tuning.BodyBoost);
        AddIfPresent(query, index, LanguageIndex.AskedField, term, tuning.AskedBoost);
    }

    /// <summary>
    /// Adds a clause for the term only when the index has it: a clause for an absent term still costs a weight and
    /// its similarity cache. The term's statistics are looked up once and handed to the query.
    /// </summary>
    private static void AddIfPresent(BooleanQuery query, LanguageIndex index, string field, string text, float boost, int maxDocFreq = int.MaxValue)
    {
        if (!index.HasTerms(field))
        {
            return;
        }

        var term = new Term(field, text);
        var context = TermContext.Build(index.Reader.Context, term);
        if (context.DocFreq > 0 && context.DocFreq <= maxDocFreq)
        {
            query.Add(new TermQuery(term, context) { Boost = boost }, Occur.SHOULD);
        }
    }

    /// <summary>The edits a misspelt word may be away from the word meant: more for longer words.</summary>
    public static int MaxEdits(string word) => word.Length >= 8 ? 2 : 1;

    /// <summary>
    /// Alternatives for one word (completions, corrections, synonyms; each one or more words): a document scores as
    /// its best alternative. An alternative matches by its stems and by its folded words, so words with diacritics match too.
    /// </summary>
    private static DisjunctionMaxQuery Best(LanguageIndex index, IEnumerable<string[]> alternatives, float boost, HashSet<string> known)
    {
        var best = new DisjunctionMaxQuery(0f) { Boost = boost };
        // Alternatives with the same stems ("setting", "settings") score the same by their stems: those are scored
        // once, which leaves the best score of every document as it was and spares a nested disjunction per repeat.
        var scored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var words in alternatives)
        {
            // Stems carry the field weights; the folded words catch what stems written with diacritics miss.
            var stems = new BooleanQuery(disableCoord: true);
            var folded = new BooleanQuery(disableCoord: true);
            var key = new List<string>();
            foreach (var word in words)
            {
                foreach (var term in QueryText.Analyse(index.Analyzer, LanguageIndex.BodyField, word))
                {
                    if (!known.Contains(term))
                    {
                        stems.Add(Fields(index, term), Occur.SHOULD);
                        key.Add(term);
                    }
                }

                AddIfPresent(folded, index, LanguageIndex.WordsField, word, index.Tuning.BodyBoost);
            }

            var repeated = stems.Clauses.Count > 0 && !scored.Add(string.Join('\n', key));
            best.Add(stems.Clauses.Count == 0 || repeated ? folded : new DisjunctionMaxQuery(0f) { stems, folded });
        }

        return best;
    }

    /// <summary>A word whose stem the index contains ("deleting" where "delete" is indexed) is not misspelt; a stop word is not worth correcting.</summary>
    private static bool StemIsKnown(LanguageIndex index, string word)
    {
        var stems = QueryText.Analyse(index.Analyzer, LanguageIndex.BodyField, word);
        return stems.Count == 0 || stems.Any(stem =>
            index.Reader.DocFreq(new Term(LanguageIndex.BodyField, stem)) > 0 || index.Reader.DocFreq(new Term(LanguageIndex.TitleField, stem)) > 0);
    }

    /// <summary>N-grams help with words the index does not know (typos, compounds, forms the stemmer misses) and with long compound words.</summary>
    private static bool NeedsNGrams(LanguageIndex index, string word, SearchTuning tuning) =>
        word.Length >= tuning.NGramMin && (word.Length >= tuning.NGramLongWord || Vocabulary.DocFreq(index, word) == 0);
}
