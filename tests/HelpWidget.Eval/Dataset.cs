using System.Text.Json;
using System.Text.Json.Serialization;

namespace HelpWidget.Eval;

/// <summary>A retrieval test in the shared JSONL format: articles, queries and relevance judgements.</summary>
internal sealed class Dataset
{
    public required string Name { get; init; }

    public required string Language { get; init; }

    public required IReadOnlyList<CorpusLine> Corpus { get; init; }

    public required IReadOnlyList<QueryLine> Queries { get; init; }

    /// <summary>Gets the relevant article ids of each query id.</summary>
    public required IReadOnlyDictionary<string, HashSet<string>> Relevant { get; init; }

    /// <summary>
    /// The same dataset with each query's last word completed from the full query of the same id
    /// (<c>"Can I down"</c> becomes <c>"Can I download"</c>): the upper bound of guessing the word being typed.
    /// </summary>
    public Dataset WithCutWordsCompleted(IReadOnlyList<QueryLine> full)
    {
        var fullText = full.ToDictionary(q => q.Id, q => q.Text, StringComparer.Ordinal);
        return new Dataset
        {
            Name = Name,
            Language = Language,
            Corpus = Corpus,
            Relevant = Relevant,
            Queries = [.. Queries.Select(query =>
            {
                if (!fullText.TryGetValue(query.Id, out var text) || !text.StartsWith(query.Text, StringComparison.Ordinal))
                {
                    return query;
                }

                var end = query.Text.Length;
                while (end < text.Length && char.IsLetterOrDigit(text[end]))
                {
                    end++;
                }

                return new QueryLine { Id = query.Id, Text = text[..end] };
            })],
        };
    }

    public static Dataset Load(string folder, string queryFile)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Dataset folder '{folder}' does not exist.");
        }

        var meta = File.Exists(Path.Combine(folder, "meta.json"))
            ? JsonSerializer.Deserialize<Meta>(File.ReadAllText(Path.Combine(folder, "meta.json")))
            : null;
        var relevant = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder, "qrels.tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length >= 3 && double.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var score) && score > 0)
            {
                if (!relevant.TryGetValue(parts[0], out var set))
                {
                    relevant[parts[0]] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(parts[1]);
            }
        }

        var queries = ReadJsonLines<QueryLine>(Path.Combine(folder, queryFile)).Where(q => relevant.ContainsKey(q.Id)).ToList();
        return new Dataset
        {
            Name = meta?.Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)),
            Language = PrimaryLanguage(meta?.Language),
            Corpus = ReadJsonLines<CorpusLine>(Path.Combine(folder, "corpus.jsonl")),
            Queries = queries,
            Relevant = relevant,
        };
    }

    /// <summary>The two-letter language of a tag such as <c>sv-SE</c> or <c>swe</c>; English when absent or unknown.</summary>
    private static string PrimaryLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return "en";
        }

        try
        {
            var two = System.Globalization.CultureInfo.GetCultureInfo(tag.Trim()).TwoLetterISOLanguageName;
            return two.Length == 2 ? two : "en";
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return "en";
        }
    }

    private static List<T> ReadJsonLines<T>(string path) =>
        [.. File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonSerializer.Deserialize<T>(l)!)];

    private sealed class Meta
    {
        [JsonPropertyName("name")]
        public string? Name { get; init; }

        [JsonPropertyName("language")]
        public string? Language { get; init; }
    }
}

internal sealed class CorpusLine
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    [JsonPropertyName("text")]
    public string Text { get; init; } = string.Empty;
}

internal sealed class QueryLine
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }
}
