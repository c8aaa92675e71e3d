using Microsoft.Extensions.Logging;

namespace HelpWidget.Lucene;

/// <summary>
/// The synonym file of each language (<c>en.txt</c>, <c>sv.txt</c>) in one folder. A file is parsed again only when
/// it changed, so a reload that finds it unchanged gets the same <see cref="Synonyms"/> object back.
/// </summary>
/// <remarks>Used by one reload at a time.</remarks>
internal sealed class SynonymFiles(string? folder, ILogger logger) : IDisposable
{
    public const int MaxFileBytes = 1024 * 1024;

    private readonly global::Lucene.Net.Analysis.Analyzer _words = Analyzers.Words(fold: true);
    private readonly Dictionary<string, (DateTime Written, long Length, Synonyms Synonyms)> _loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the language's synonyms; no folder or a missing file means none, a bad line is skipped with a warning.</summary>
    public Synonyms Load(string language)
    {
        if (folder is null || !LanguageIndexWriter.IsPlainTag(language))
        {
            return Synonyms.Empty;
        }

        var file = Path.GetFullPath(Path.Combine(folder, language + ".txt"));
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            _loaded.Remove(language);
            return Synonyms.Empty;
        }

        if (_loaded.TryGetValue(language, out var loaded) && loaded.Written == info.LastWriteTimeUtc && loaded.Length == info.Length)
        {
            return loaded.Synonyms;
        }

        var synonyms = Parse(file, info.Length);
        _loaded[language] = (info.LastWriteTimeUtc, info.Length, synonyms);
        return synonyms;
    }

    public void Dispose() => _words.Dispose();

    private Synonyms Parse(string file, long length)
    {
        if (length > MaxFileBytes)
        {
            Log.SynonymsSkipped(logger, file, $"it is larger than {MaxFileBytes} bytes.");
            return Synonyms.Empty;
        }

        return Synonyms.Parse(
            File.ReadLines(file),
            member => QueryText.Analyse(_words, LanguageIndex.WordsField, member),
            (line, problem) => Log.SynonymsSkipped(logger, $"{file}:{line}", problem));
    }
}
