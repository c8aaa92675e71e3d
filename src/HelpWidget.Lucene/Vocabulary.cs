using Lucene.Net.Index;
using Lucene.Net.Util;

namespace HelpWidget.Lucene;

/// <summary>The whole words of an index (lower-cased, folded, unstemmed): completions of a word being typed and corrections of a misspelt one.</summary>
internal static class Vocabulary
{
    private const int MaxScanned = 4096;

    public static int DocFreq(LanguageIndex index, string word) => index.Reader.DocFreq(new Term(LanguageIndex.WordsField, word));

    /// <summary>The indexed words that begin with <paramref name="prefix"/>, most frequent first.</summary>
    public static List<string> Completions(LanguageIndex index, string prefix, int max)
    {
        // A word in most articles tells them apart little and costs the most to score.
        var common = Math.Max(8, index.Reader.NumDocs / 2);
        var found = new List<(string Word, int DocFreq)>();
        Scan(index, prefix, (word, docFreq) =>
        {
            if (docFreq <= common)
            {
                found.Add((word.ToString(), docFreq));
            }
        });
        found.Sort((a, b) => b.DocFreq.CompareTo(a.DocFreq));
        return [.. found.Take(max).Select(f => f.Word)];
    }

    /// <summary>
    /// The indexed words within <paramref name="maxEdits"/> edits (insertion, deletion, substitution, transposition)
    /// of <paramref name="word"/>, closest first, then most frequent. Only words with the same first letter are
    /// considered: scanning them is cheaper than an automaton, and first letters are seldom mistyped.
    /// </summary>
    public static List<string> Corrections(LanguageIndex index, string word, int maxEdits, int max)
    {
        var found = new List<(string Word, int Distance, int DocFreq)>();
        Scan(index, word[..1], (candidate, docFreq) =>
        {
            if (Math.Abs(candidate.Length - word.Length) <= maxEdits)
            {
                var distance = Distance(word, candidate, maxEdits);
                if (distance <= maxEdits)
                {
                    found.Add((candidate.ToString(), distance, docFreq));
                }
            }
        });
        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : b.DocFreq.CompareTo(a.DocFreq));
        return [.. found.Take(max).Select(f => f.Word)];
    }

    /// <summary>Optimal string alignment distance, giving up (returning <c>max + 1</c>) once it exceeds <paramref name="max"/>.</summary>
    internal static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    private delegate void Visitor(ReadOnlySpan<char> word, int docFreq);

    /// <summary>Visits the indexed words that begin with <paramref name="prefix"/>, decoded into one reused buffer.</summary>
    private static void Scan(LanguageIndex index, string prefix, Visitor visit)
    {
        var terms = MultiFields.GetTerms(index.Reader, LanguageIndex.WordsField);
        if (terms is null || prefix.Length == 0)
        {
            return;
        }

        var termsEnum = terms.GetEnumerator();
        var start = new BytesRef(prefix);
        if (termsEnum.SeekCeil(start) == TermsEnum.SeekStatus.END)
        {
            return;
        }

        var chars = new CharsRef(32);
        var scanned = 0;
        do
        {
            var term = termsEnum.Term;
            if (!StringHelper.StartsWith(term, start))
            {
                return;
            }

            UnicodeUtil.UTF8toUTF16(term, chars);
            visit(chars.Chars.AsSpan(chars.Offset, chars.Length), termsEnum.DocFreq);
        }
        while (++scanned < MaxScanned && termsEnum.MoveNext());
    }
}
