using System.Numerics;
using System.Runtime.InteropServices;

namespace HelpWidget.Lucene.Semantic;

/// <summary>
/// The vectors of one language's articles at one moment, one row each in a single array, for exact nearest-neighbour
/// search: at the knowledge-base sizes a help widget serves (10,000 articles: 15 MB at 384 dimensions), one pass over
/// the rows takes a few milliseconds and needs no approximate index. Immutable; safe for concurrent searches.
/// </summary>
internal sealed class DenseIndex
{
    private readonly float[] _matrix;
    private readonly Dictionary<string, int> _rows;
    private readonly HelpArticle[] _articles;

    /// <summary>Builds the index of <paramref name="articles"/>, whose vectors are L2-normalised and of one length.</summary>
    public DenseIndex(IReadOnlyDictionary<string, HelpArticle> articles, IReadOnlyList<(HelpArticle Article, float[] Vector)> rows)
    {
        For = articles;
        Dimensions = rows.Count == 0 ? 0 : rows[0].Vector.Length;
        _matrix = new float[rows.Count * Dimensions];
        _articles = new HelpArticle[rows.Count];
        _rows = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Vector.CopyTo(_matrix.AsSpan(i * Dimensions, Dimensions));
            _articles[i] = rows[i].Article;
            _rows[rows[i].Article.Id] = i;
        }

        HasRestrictedArticles = _articles.Any(a => a.Audiences.Count > 0);
    }

    /// <summary>Gets the articles this index holds the vectors of: the language index's own article set, by reference.</summary>
    public IReadOnlyDictionary<string, HelpArticle> For { get; }

    public int Dimensions { get; }

    public int Count => _articles.Length;

    private bool HasRestrictedArticles { get; }

    /// <summary>The cosine of the query and an article; <see langword="null"/> when the article has no row.</summary>
    public float? Similarity(string id, ReadOnlySpan<float> query) =>
        _rows.TryGetValue(id, out var row) ? Vectors.Dot(_matrix.AsSpan(row * Dimensions, Dimensions), query) : null;

    /// <summary>The <paramref name="count"/> articles <paramref name="user"/> may see that are nearest the query, nearest first.</summary>
    public List<(HelpArticle Article, float Similarity)> Nearest(ReadOnlySpan<float> query, HelpUser user, int count)
    {
        if (query.Length != Dimensions || count <= 0)
        {
            return [];
        }

        var best = new PriorityQueue<int, float>(count + 1);
        for (var row = 0; row < _articles.Length; row++)
        {
            var similarity = Vectors.Dot(_matrix.AsSpan(row * Dimensions, Dimensions), query);
            if (best.Count == count && best.TryPeek(out _, out var worst) && similarity <= worst)
            {
                continue;
            }

            if (HasRestrictedArticles && !_articles[row].IsVisibleTo(user))
            {
                continue;
            }

            best.Enqueue(row, similarity);
            if (best.Count > count)
            {
                best.Dequeue();
            }
        }

        var nearest = new List<(HelpArticle, float)>(best.Count);
        while (best.TryDequeue(out var row, out var similarity))
        {
            nearest.Add((_articles[row], similarity));
        }

        nearest.Reverse();
        return nearest;
    }
}

/// <summary>Vector arithmetic on spans of floats.</summary>
internal static class Vectors
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var sum = Vector<float>.Zero;
        var wide = MemoryMarshal.Cast<float, Vector<float>>(a[..length]);
        var other = MemoryMarshal.Cast<float, Vector<float>>(b[..length]);
        for (var i = 0; i < wide.Length; i++)
        {
            sum += wide[i] * other[i];
        }

        var result = Vector.Sum(sum);
        for (var i = wide.Length * Vector<float>.Count; i < length; i++)
        {
            result += a[i] * b[i];
        }

        return result;
    }

    /// <summary>A copy scaled to length 1; <see langword="null"/> when the vector is empty, zero or not finite.</summary>
    public static float[]? Normalised(ReadOnlySpan<float> vector)
    {
        var norm = MathF.Sqrt(Dot(vector, vector));
        if (vector.Length == 0 || !float.IsFinite(norm) || norm == 0)
        {
            return null;
        }

        var result = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            result[i] = vector[i] / norm;
        }

        return result;
    }
}
