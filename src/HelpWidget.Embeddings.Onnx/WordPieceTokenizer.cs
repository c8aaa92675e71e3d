using System.Globalization;
using System.Text;

namespace HelpWidget.Embeddings.Onnx;

/// <summary>
/// The uncased BERT tokenisation the models were trained with: control characters dropped, every kind of whitespace
/// (tabs, bare newlines, no-break spaces) a separator, lower case, accents stripped (NFD without its combining marks),
/// punctuation and CJK ideographs split into tokens of their own, then WordPiece (longest vocabulary match first, then
/// <c>##</c> continuations; [UNK] only for a word the vocabulary cannot spell). Reads only as much text as the token cap
/// needs, so a megabyte of input costs no more than a paragraph. Thread-safe.
/// </summary>
internal sealed class WordPieceTokenizer
{
    // BERT's own limit: a longer "word" is noise (a hash, a URL without separators) and becomes one [UNK].
    private const int MaxCharsPerWord = 100;

    private readonly IReadOnlyList<string> _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _starts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;

    public WordPieceTokenizer(IReadOnlyList<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;
        var starts = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(vocabulary.Count / 4, StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
        {
            var token = vocabulary[i];
            if (token.Length == 0)
            {
                continue;
            }

            if (token.Length > 2 && token.StartsWith("##", StringComparison.Ordinal))
            {
                continuations.TryAdd(token[2..], i);
            }
            else
            {
                starts.TryAdd(token, i);
            }
        }

        ClsId = Required(starts, "[CLS]");
        SepId = Required(starts, "[SEP]");
        UnknownId = Required(starts, "[UNK]");
        PadId = Required(starts, "[PAD]");
        _starts = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int ClsId { get; }

    public int SepId { get; }

    public int UnknownId { get; }

    public int PadId { get; }

    /// <summary>Reads a vocabulary file: one token a line, the line number its id.</summary>
    public static WordPieceTokenizer Load(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var tokens = new List<string>(32_000);
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line.TrimEnd('\r'));
        }

        return new WordPieceTokenizer(tokens);
    }

    /// <summary>
    /// Tokenises <paramref name="prefix"/> followed by <paramref name="text"/> into at most <paramref name="maxTokens"/>
    /// ids, [CLS] first and [SEP] last.
    /// </summary>
    public List<int> Encode(string prefix, string text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        var ids = new List<int>(Math.Min(maxTokens, 64)) { ClsId };
        var limit = maxTokens - 1;
        var word = new StringBuilder();
        if (!Scan(prefix, ids, limit, word))
        {
            Scan(text, ids, limit, word);
        }

        ids.Add(SepId);
        return ids;
    }

    /// <summary>The tokens as text, for tests and diagnostics.</summary>
    public IReadOnlyList<string> Decode(IEnumerable<int> ids) => ids.Select(id => _vocabulary[id]).ToList();

    /// <summary>Adds the tokens of <paramref name="text"/>; returns whether the cap was reached.</summary>
    private bool Scan(string text, List<int> ids, int limit, StringBuilder word)
    {
        word.Clear();
        var tooLong = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                // A character outside the basic plane (emoji, rare ideographs): part of the word; WordPiece decides.
                if (!Append(word, text.AsSpan(i, 2), ref tooLong))
                {
                    return true;
                }

                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!Flush(word, ref tooLong, ids, limit))
                {
                    return true;
                }

                continue;
            }

            if (c == '\uFFFD' || char.IsControl(c) || char.IsSurrogate(c) || IsFormat(c))
            {
                continue;
            }

            if (IsPunctuation(c) || IsCjk(c))
            {
                if (!Flush(word, ref tooLong, ids, limit))
                {
                    return true;
                }

                word.Append(c);
                if (!Flush(word, ref tooLong, ids, limit))
                {
                    return true;
                }

                continue;
            }

            Append(word, new ReadOnlySpan<char>(in c), ref tooLong);
        }

        return !Flush(word, ref tooLong, ids, limit);
    }

    private static bool Append(StringBuilder word, ReadOnlySpan<char> chars, ref bool tooLong)
    {
        // Combining accents are stripped later, so a word may hold a few more characters than the limit before it is "too long".
        if (word.Length + chars.Length > MaxCharsPerWord * 4)
        {
            tooLong = true;
        }
        else
        {
            word.Append(chars);
        }

        return true;
    }

    /// <summary>Turns the word collected so far into tokens; returns whether there is room for more.</summary>
    private bool Flush(StringBuilder word, ref bool tooLong, List<int> ids, int limit)
    {
        if (word.Length == 0)
        {
            tooLong = false;
            return ids.Count < limit;
        }

        var normalized = Normalize(word);
        word.Clear();
        if (normalized.Length == 0)
        {
            tooLong = false;
            return ids.Count < limit;
        }

        if (tooLong || normalized.Length > MaxCharsPerWord)
        {
            tooLong = false;
            ids.Add(UnknownId);
            return ids.Count < limit;
        }

        // Accent stripping can leave punctuation behind (rare); BERT splits after normalising, so split again.
        var start = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            if (IsPunctuation(normalized[i]))
            {
                if (!AddWord(normalized.AsSpan(start, i - start), ids, limit) || !AddWord(normalized.AsSpan(i, 1), ids, limit))
                {
                    return false;
                }

                start = i + 1;
            }
        }

        return AddWord(normalized.AsSpan(start), ids, limit);
    }

    /// <summary>WordPiece over one normalised word; returns whether there is room for more.</summary>
    private bool AddWord(ReadOnlySpan<char> word, List<int> ids, int limit)
    {
        if (word.IsEmpty)
        {
            return ids.Count < limit;
        }

        var before = ids.Count;
        var start = 0;
        while (start < word.Length)
        {
            var lookup = start == 0 ? _starts : _continuations;
            var end = word.Length;
            var found = -1;
            while (end > start)
            {
                // Never cut between the halves of a surrogate pair.
                if (end < word.Length && char.IsLowSurrogate(word[end]))
                {
                    end--;
                    continue;
                }

                if (lookup.TryGetValue(word[start..end], out var id))
                {
                    found = id;
                    break;
                }

                end--;
            }

            if (found < 0)
            {
                ids.RemoveRange(before, ids.Count - before);
                ids.Add(UnknownId);
                return ids.Count < limit;
            }

            ids.Add(found);
            start = end;
        }

        if (ids.Count > limit)
        {
            ids.RemoveRange(limit, ids.Count - limit);
        }

        return ids.Count < limit;
    }

    private static string Normalize(StringBuilder word)
    {
        var text = word.ToString();
        var ascii = true;
        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return text.ToLowerInvariant();
        }

        string decomposed;
        try
        {
            decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // Not valid Unicode (cannot happen after the scan drops lone surrogates, but never fail on text).
            return text.ToLowerInvariant();
        }

        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                result.Append(c);
            }
        }

        // Some capitals only decompose into a lower-case letter and a mark: U+0130 (dotted I), which invariant lower-casing
        // leaves as it is, becomes I + U+0307, so lower-case again once the mark is gone.
        return result.ToString().ToLowerInvariant();
    }

    // BERT counts all non-alphanumeric ASCII as punctuation ("$", "+", "^", "`"), and every Unicode P* character.
    private static bool IsPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~') || char.IsPunctuation(c);

    private static bool IsFormat(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    // The CJK blocks BERT splits per character (Unified Ideographs, extension A, compatibility ideographs); the
    // supplementary-plane extensions arrive as surrogate pairs and stay in their word.
    private static bool IsCjk(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    private static int Required(Dictionary<string, int> tokens, string token) =>
        tokens.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"The vocabulary has no {token} token.");
}
