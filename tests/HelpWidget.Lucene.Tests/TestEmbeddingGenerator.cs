using Microsoft.Extensions.AI;

namespace HelpWidget.Lucene.Tests;

/// <summary>
/// A deterministic embedding generator for tests: each word is mapped to a concept (words that mean the same share
/// one: "crossed" and "strikethrough"), and the vector counts the concepts, hashed over 256 dimensions. Texts that
/// share no word but mean the same are therefore near; a callback can delay or fail any call.
/// </summary>
internal sealed class TestEmbeddingGenerator(string model = "test-concepts") : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 256;

    private static readonly Dictionary<string, string> s_concepts = new(StringComparer.Ordinal)
    {
        ["strikethrough"] = "strike", ["crossed"] = "strike", ["struck"] = "strike",
        ["holiday"] = "leave", ["vacation"] = "leave", ["time-off"] = "leave",
        ["salary"] = "pay", ["wage"] = "pay", ["paycheck"] = "pay", ["earnings"] = "pay",
        ["password"] = "secret", ["passcode"] = "secret", ["credentials"] = "secret",
        ["expense"] = "money", ["receipt"] = "money", ["reimbursement"] = "money",
    };

    private static readonly HashSet<string> s_stopWords = ["a", "an", "the", "to", "of", "and", "or", "with", "my", "how", "do", "i", "is", "in", "on", "it", "out", "your"];

    private int _documents;
    private int _queries;

    /// <summary>Gets or sets a callback run before each call with the texts and the input type ("query" or "document").</summary>
    public Func<IReadOnlyList<string>, string?, CancellationToken, Task>? OnGenerate { get; set; }

    /// <summary>Gets the number of article texts embedded.</summary>
    public int DocumentsEmbedded => Volatile.Read(ref _documents);

    /// <summary>Gets the number of queries embedded.</summary>
    public int QueriesEmbedded => Volatile.Read(ref _queries);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var type = options?.AdditionalProperties?.TryGetValue("input_type", out var value) == true ? value as string : null;
        if (OnGenerate is { } callback)
        {
            await callback(texts, type, cancellationToken);
        }

        Interlocked.Add(ref type == "query" ? ref _queries : ref _documents, texts.Count);
        return [.. texts.Select(text => new Embedding<float>(Vector(text)))];
    }

    public static float[] Vector(string text)
    {
        var vector = new float[Dimensions];
        foreach (var raw in text.ToLowerInvariant().Split([' ', '\n', '.', ',', ':', ';', '?', '!', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (s_stopWords.Contains(raw))
            {
                continue;
            }

            var concept = s_concepts.GetValueOrDefault(raw, raw);
            var hash = 2166136261u;
            foreach (var c in concept)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % Dimensions] += 1;
        }

        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("HelpWidget.Tests", null, model, Dimensions)
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
