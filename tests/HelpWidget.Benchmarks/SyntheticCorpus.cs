using System.Text.RegularExpressions;
using HelpWidget.Markdown;

namespace HelpWidget.Benchmarks;

/// <summary>
/// A deterministic corpus of any size, made of sentences of real help articles (the sample knowledge base, and the
/// Outlook articles in ../shared when present) recombined into new articles, and queries cut from those sentences.
/// </summary>
internal sealed partial class SyntheticCorpus
{
    private SyntheticCorpus(IReadOnlyList<HelpArticle> articles, IReadOnlyDictionary<string, IReadOnlyList<string>> queries)
    {
        Articles = articles;
        Queries = queries;
    }

    public IReadOnlyList<HelpArticle> Articles { get; }

    /// <summary>Gets the queries by kind: clean, typo (one letter pair swapped), prefix (last word cut to four letters).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Queries { get; }

    public static SyntheticCorpus Create(int articleCount, int queryCount, int seed = 42)
    {
        var sentences = SourceSentences();
        var random = new Random(seed);
        var articles = new List<HelpArticle>(articleCount);
        for (var i = 0; i < articleCount; i++)
        {
            var body = string.Join(' ', Enumerable.Range(0, random.Next(12, 30)).Select(_ => sentences[random.Next(sentences.Count)]));
            var title = string.Join(' ', Words(sentences[random.Next(sentences.Count)]).Take(random.Next(3, 8)));
            articles.Add(new HelpArticle
            {
                Id = $"a{i:D5}",
                Language = "en",
                Title = title,
                Summary = sentences[random.Next(sentences.Count)],
                Text = body,
                Contexts = [$"/area{i % 50}"],
                Audiences = i % 20 == 0 ? ["manager"] : [],
            });
        }

        var clean = new List<string>(queryCount);
        var typo = new List<string>(queryCount);
        var prefix = new List<string>(queryCount);
        while (clean.Count < queryCount)
        {
            var words = Words(sentences[random.Next(sentences.Count)]).ToList();
            if (words.Count < 6)
            {
                continue;
            }

            var query = words.Skip(random.Next(0, words.Count - 5)).Take(random.Next(4, 20)).ToList();
            clean.Add(string.Join(' ', query) + "?");
            var target = query.FindIndex(w => w.Length >= 5);
            var misspelt = query.ToList();
            if (target >= 0)
            {
                var chars = misspelt[target].ToCharArray();
                var at = random.Next(1, chars.Length - 1);
                (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                misspelt[target] = new string(chars);
            }

            typo.Add(string.Join(' ', misspelt) + "?");
            var cut = query.FindLastIndex(w => w.Length >= 6);
            prefix.Add(cut < 0 ? string.Join(' ', query) : string.Join(' ', query.Take(cut).Append(query[cut][..4])));
        }

        return new SyntheticCorpus(articles, new Dictionary<string, IReadOnlyList<string>> { ["clean"] = clean, ["typo"] = typo, ["prefix"] = prefix });
    }

    public static string SampleKnowledgeBase => Path.Combine(RepositoryRoot(), "samples", "HelpWidget.Samples.Intranet", "KnowledgeBase");

    private static List<string> SourceSentences()
    {
        var root = RepositoryRoot();
        var folders = new[] { Path.Combine(SampleKnowledgeBase, "en"), Path.Combine(root, "..", "shared", "data", "kb-outlook") };
        var sentences = new List<string>();
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var (article, _) = MarkdownArticleParser.Parse(File.ReadAllText(file), Path.GetFileName(file), "en");
                if (article is not null)
                {
                    sentences.AddRange(SentenceEnd().Split(article.Text).Select(s => s.Trim()).Where(s => s.Length > 30));
                }
            }
        }

        return sentences;
    }

    private static IEnumerable<string> Words(string sentence) => WordPattern().Matches(sentence).Select(m => m.Value);

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HelpWidget.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HelpWidget.sln not found above the benchmark's folder.");
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[\p{L}\p{N}'-]+")]
    private static partial Regex WordPattern();
}
