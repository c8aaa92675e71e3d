using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpWidget.Markdown;

/// <summary>Reads the areas file of a knowledge folder (<c>areas.yml</c>): ids, order, and a title and description per language.</summary>
internal sealed class AreaDefinitions
{
    /// <summary>The names the areas file may have, at the root of the articles folder, in the order they are looked for.</summary>
    public static readonly string[] FileNames = ["areas.yml", "areas.yaml"];

    private const int MaxAreas = 500;

    private AreaDefinitions(string? file)
    {
        File = file;
    }

    /// <summary>Gets the areas file's name relative to the folder, or <see langword="null"/> when the folder has none.</summary>
    public string? File { get; }

    /// <summary>Gets the valid areas by id, with the line each starts on.</summary>
    public Dictionary<string, (int Line, List<HelpArea> Languages)> Areas { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ContentProblem> Problems { get; } = [];

    /// <summary>Gets every area in every language, ordered by order, id and language.</summary>
    public IReadOnlyList<HelpArea> All =>
        [.. Areas.Values.SelectMany(a => a.Languages).OrderBy(a => a.Order).ThenBy(a => a.Id, StringComparer.Ordinal).ThenBy(a => a.Language, StringComparer.Ordinal)];

    /// <summary>Reads the areas file of <paramref name="root"/>, if there is one.</summary>
    public static async Task<AreaDefinitions> ReadAsync(string root, string defaultLanguage, int maxBytes, CancellationToken cancellationToken)
    {
        var found = FileNames.Where(name => System.IO.File.Exists(Path.Combine(root, name))).ToList();
        if (found.Count == 0)
        {
            return new AreaDefinitions(null);
        }

        var definitions = new AreaDefinitions(found[0]);
        foreach (var extra in found.Skip(1))
        {
            definitions.Add(extra, 1, $"there are two areas files; only '{found[0]}' is read. Merge them into one.");
        }

        var path = Path.Combine(root, found[0]);
        string text;
        try
        {
            if (new FileInfo(path).Length > maxBytes)
            {
                definitions.Add(found[0], 1, string.Create(CultureInfo.InvariantCulture, $"the areas file is larger than MaxArticleBytes ({maxBytes} bytes); no areas are read."));
                return definitions;
            }

            text = await System.IO.File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (IOException ex)
        {
            definitions.Add(found[0], 1, $"the areas file could not be read ({ex.Message}).");
            return definitions;
        }

        definitions.Parse(text, defaultLanguage);
        return definitions;
    }

    /// <summary>Parses the text of an areas file named <paramref name="file"/>.</summary>
    public static AreaDefinitions Parse(string file, string text, string defaultLanguage)
    {
        var definitions = new AreaDefinitions(file);
        definitions.Parse(text, defaultLanguage);
        return definitions;
    }

    private void Parse(string text, string defaultLanguage)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text.TrimStart('\uFEFF')));
        }
        catch (YamlException ex)
        {
            Add(File!, (int)ex.Start.Line, string.Create(CultureInfo.InvariantCulture, $"the areas file is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}); no areas are read."));
            return;
        }

        if (stream.Documents.Count == 0)
        {
            return;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("areas"), out var list)
            || list is not YamlSequenceNode entries)
        {
            Add(File!, 1, "the areas file must have an 'areas:' list, each entry with an 'id' and a 'title' per language (see docs/editors.md).");
            return;
        }

        var position = 0;
        foreach (var entry in entries.Children.Take(MaxAreas))
        {
            position++;
            var line = (int)entry.Start.Line;
            if (entry is not YamlMappingNode map)
            {
                Add(File!, line, "each area must be a map with 'id', 'title' and optionally 'order' and 'description'.");
                continue;
            }

            var id = MarkdownArticleParser.Clean(ScalarOf(map, "id") ?? string.Empty);
            if (!MarkdownArticleParser.IsValidId(id))
            {
                Add(File!, line, "the area needs an 'id' of 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit.");
                continue;
            }

            if (Areas.ContainsKey(id))
            {
                Add(File!, line, $"the area '{id}' is defined twice; the second is ignored.");
                continue;
            }

            var order = position;
            if (ScalarOf(map, "order") is { } orderText && !int.TryParse(orderText, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
            {
                Add(File!, line, $"the order of area '{id}' must be a whole number; its position in the file is used.");
                order = position;
            }

            var titles = PerLanguage(map, "title", defaultLanguage, id);
            if (titles.Count == 0)
            {
                Add(File!, line, $"the area '{id}' has no title; give one per language, such as 'title: {{ en: Accounts }}'.");
                continue;
            }

            var descriptions = PerLanguage(map, "description", defaultLanguage, id);
            var languages = titles.Select(pair => new HelpArea
            {
                Id = id,
                Language = pair.Key,
                Title = Truncate(pair.Value, MarkdownArticleParser.MaxTitleLength),
                Description = Truncate(descriptions.GetValueOrDefault(pair.Key) ?? string.Empty, MarkdownArticleParser.MaxSummaryLength),
                Order = order,
            }).ToList();
            Areas[id] = (line, languages);
        }

        if (entries.Children.Count > MaxAreas)
        {
            Add(File!, (int)entries.Children[MaxAreas].Start.Line, string.Create(CultureInfo.InvariantCulture, $"only the first {MaxAreas} areas are read."));
        }
    }

    private Dictionary<string, string> PerLanguage(YamlMappingNode map, string key, string defaultLanguage, string id)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return values;
        }

        if (node is YamlScalarNode { Value: { } single })
        {
            // A single text is the default language's, so a one-language folder stays short.
            if (MarkdownArticleParser.Clean(single) is { Length: > 0 } text)
            {
                values[defaultLanguage] = text;
            }

            return values;
        }

        if (node is not YamlMappingNode languages)
        {
            Add(File!, (int)node.Start.Line, $"the {key} of area '{id}' must be a map of language to text, such as '{key}: {{ en: ..., sv: ... }}'.");
            return values;
        }

        foreach (var (languageNode, textNode) in languages.Children)
        {
            var language = MarkdownArticleParser.PrimaryLanguage((languageNode as YamlScalarNode)?.Value);
            if (language is null || textNode is not YamlScalarNode { Value: { } value })
            {
                Add(File!, (int)languageNode.Start.Line, $"the {key} of area '{id}' has an entry that is not 'language: text'; it is ignored.");
                continue;
            }

            if (MarkdownArticleParser.Clean(value) is { Length: > 0 } text)
            {
                values[language] = text;
            }
        }

        return values;
    }

    private static string? ScalarOf(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length].TrimEnd();

    private void Add(string file, int line, string message) =>
        Problems.Add(new ContentProblem { File = file, Line = Math.Max(1, line), Code = ContentProblemCodes.AreasFile, Severity = ContentProblemSeverity.Error, Message = message });
}
