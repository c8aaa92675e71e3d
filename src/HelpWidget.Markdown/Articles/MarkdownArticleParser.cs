using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace HelpWidget.Markdown;

/// <summary>Turns one Markdown file with YAML front matter into a <see cref="HelpArticle"/>.</summary>
internal static partial class MarkdownArticleParser
{
    internal const int MaxTitleLength = 300;
    internal const int MaxSummaryLength = 1000;
    internal const int MaxListItems = 50;
    internal const int MaxListItemLength = 100;

    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .Build();

    private static readonly IDeserializer s_yaml = new DeserializerBuilder().Build();

    private static readonly HtmlSanitizer s_sanitizer = CreateSanitizer();

    /// <summary>Parses a Markdown file.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="relativePath">The file's path below the articles folder, with '/' separators.</param>
    /// <param name="defaultLanguage">The language of articles that state none.</param>
    /// <returns>The article, or the reason the file cannot be an article.</returns>
    public static (HelpArticle? Article, string? Error) Parse(string text, string relativePath, string defaultLanguage)
    {
        var result = ParseFile(text, relativePath, defaultLanguage, inspect: false);
        return (result.Article, result.Article is null ? result.Problems[0].Message : null);
    }

    /// <summary>Parses a Markdown file and, when <paramref name="inspect"/> is set, reports what readers would miss.</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="relativePath">The file's path below the articles folder, with '/' separators.</param>
    /// <param name="defaultLanguage">The language of articles that state none.</param>
    /// <param name="inspect">Whether to look for field shapes, images and HTML the sanitiser removes (the linter's checks).</param>
    /// <returns>The article (or none, with an error problem saying why), its problems, and what the folder-wide checks need.</returns>
    public static ArticleFile ParseFile(string text, string relativePath, string defaultLanguage, bool inspect)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var result = new ArticleFile(relativePath);
        var (yaml, body, frontMatterError) = SplitFrontMatter(text);
        if (frontMatterError is not null)
        {
            result.Add(1, ContentProblemCodes.FrontMatter, ContentProblemSeverity.Error, frontMatterError);
            return result;
        }

        result.KeyLines = KeyLines(yaml);
        var bodyFirstLine = yaml.Length == 0 && !text.StartsWith("---\n", StringComparison.Ordinal) ? 1 : CountLines(yaml) + 3;
        Dictionary<string, object?> fields;
        try
        {
            fields = ReadFields(yaml);
        }
        catch (YamlException ex)
        {
            result.Add(
                (int)ex.Start.Line + 1,
                ContentProblemCodes.FrontMatter,
                ContentProblemSeverity.Error,
                string.Create(CultureInfo.InvariantCulture, $"the front matter is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column}); the article is left out."));
            return result;
        }

        if (inspect)
        {
            CheckShapes(fields, result);
        }

        var id = Clean(Scalar(fields, "id"));
        if (id.Length == 0)
        {
            id = Slug(Path.GetFileNameWithoutExtension(relativePath));
        }
        else if (!IdPattern().IsMatch(id))
        {
            result.Add(result.LineOf("id"), ContentProblemCodes.FrontMatter, ContentProblemSeverity.Error, "the id must be 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit; the article is left out.");
            return result;
        }

        if (id.Length == 0)
        {
            result.Add(1, ContentProblemCodes.FrontMatter, ContentProblemSeverity.Error, "no id could be derived from the file name; add 'id' to the front matter.");
            return result;
        }

        var document = Markdig.Markdown.Parse(body, s_pipeline);
        var html = s_sanitizer.Sanitize(document.ToHtml(s_pipeline));
        var plain = WhitespaceRun().Replace(Markdig.Markdown.ToPlainText(body, s_pipeline), " ").Trim();
        var title = Truncate(Clean(Scalar(fields, "title")), MaxTitleLength);
        if (title.Length == 0)
        {
            title = Truncate(Clean(FirstHeading(body) ?? Path.GetFileNameWithoutExtension(relativePath)), MaxTitleLength);
        }

        var summary = Clean(Scalar(fields, "summary"));
        if (summary.Length == 0)
        {
            summary = Clean(Scalar(fields, "description"));
        }

        var area = Clean(Scalar(fields, "area"));
        if (inspect)
        {
            ArticleInspector.Inspect(document, bodyFirstLine, result);
        }

        result.Article = new HelpArticle
        {
            Id = id,
            Language = Language(fields, relativePath, defaultLanguage),
            Title = title,
            Summary = Truncate(summary, MaxSummaryLength),
            Html = html,
            Text = plain,
            Tags = List(fields, "tags", "keywords"),
            Contexts = List(fields, "contexts", "context"),
            Audiences = List(fields, "audience", "audiences"),
            Related = List(fields, "related"),
            Area = area.Length == 0 ? null : Truncate(area, MaxListItemLength),
        };
        return result;
    }

    /// <summary>Gets a value indicating whether <paramref name="id"/> is a valid article or area id.</summary>
    /// <param name="id">The id.</param>
    /// <returns><see langword="true"/> for 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit.</returns>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>Turns a title or file name into an id: lower case, accents removed, other characters replaced by '-'.</summary>
    /// <param name="name">The title or file name.</param>
    /// <returns>The id, at most 128 characters; empty when nothing usable is left.</returns>
    public static string Slug(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c switch { 'ø' or 'Ø' => 'o', 'æ' or 'Æ' => 'a', 'ß' => 's', 'đ' or 'Đ' => 'd', 'ł' or 'Ł' => 'l', _ => c });
            }
        }

        var slug = SlugInvalid().Replace(builder.ToString().ToLowerInvariant(), "-").Trim('-', '.', '_');
        return slug.Length > 128 ? slug[..128].TrimEnd('-', '.', '_') : slug;
    }

    /// <summary>Removes control characters and collapses white space.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The text on one line, trimmed.</returns>
    public static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsControl(c) || c is '\t' or '\n' or '\r')
            {
                builder.Append(c);
            }
        }

        return WhitespaceRun().Replace(builder.ToString(), " ").Trim();
    }

    /// <summary>Normalises a language tag to its lower-case primary subtag (<c>sv-SE</c> becomes <c>sv</c>).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>The primary subtag, or <see langword="null"/> when the tag is not a language tag.</returns>
    public static string? PrimaryLanguage(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var match = LanguagePattern().Match(tag.Trim());
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    internal static (string Yaml, string Body, string? Error) SplitFrontMatter(string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (string.Empty, text, null);
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (end >= 0)
        {
            var after = end + 4;
            if (after == text.Length || text[after] == '\n')
            {
                return (text[4..(end + 1)], after >= text.Length ? string.Empty : text[(after + 1)..], null);
            }

            end = text.IndexOf("\n---", after, StringComparison.Ordinal);
        }

        return (string.Empty, string.Empty, "the front matter starts with '---' but has no closing '---' line.");
    }

    internal static Dictionary<string, object?> ReadFields(string yaml)
    {
        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(yaml) || s_yaml.Deserialize<object?>(yaml) is not Dictionary<object, object?> map)
        {
            return fields;
        }

        foreach (var (key, value) in map)
        {
            if (key is string name)
            {
                fields[name] = value;
            }
        }

        return fields;
    }

    internal static string Scalar(Dictionary<string, object?> fields, string name) =>
        fields.TryGetValue(name, out var value) && value is string text ? text : string.Empty;

    private static string[] List(Dictionary<string, object?> fields, params string[] names)
    {
        foreach (var name in names)
        {
            if (!fields.TryGetValue(name, out var value))
            {
                continue;
            }

            IEnumerable<string> items = value switch
            {
                string text => text.Split(',', StringSplitOptions.RemoveEmptyEntries),
                List<object?> list => list.OfType<string>(),
                _ => [],
            };
            return [.. items.Select(item => Truncate(Clean(item), MaxListItemLength)).Where(item => item.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxListItems)];
        }

        return [];
    }

    private static string Language(Dictionary<string, object?> fields, string relativePath, string defaultLanguage)
    {
        foreach (var name in (string[])["language", "lang", "locale", "ms.locale"])
        {
            if (PrimaryLanguage(Scalar(fields, name)) is { } declared)
            {
                return declared;
            }
        }

        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && PrimaryLanguage(relativePath[..slash]) is { } folder && relativePath[..slash].Length <= 5)
        {
            return folder;
        }

        return defaultLanguage;
    }

    private static string? FirstHeading(string body)
    {
        foreach (var line in body.Split('\n'))
        {
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                return line[2..];
            }
        }

        return null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length].TrimEnd();

    private static void CheckShapes(Dictionary<string, object?> fields, ArticleFile result)
    {
        foreach (var name in (string[])["id", "title", "summary", "description", "area", "language"])
        {
            if (fields.TryGetValue(name, out var value) && value is not null and not string)
            {
                result.Add(result.LineOf(name), ContentProblemCodes.FieldShape, ContentProblemSeverity.Warning, $"'{name}' must be text, not a list or a map; it is ignored.");
            }
        }

        foreach (var name in (string[])["tags", "keywords", "contexts", "context", "audience", "audiences", "related"])
        {
            if (fields.TryGetValue(name, out var value) && value is not null and not string and not List<object?>)
            {
                result.Add(result.LineOf(name), ContentProblemCodes.FieldShape, ContentProblemSeverity.Warning, $"'{name}' must be a list (or text separated by commas), not a map; it is ignored.");
            }
        }
    }

    /// <summary>Finds the line of each top-level key of the front matter (the file's line, the opening '---' being line 1).</summary>
    private static Dictionary<string, int> KeyLines(string yaml)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var number = 2;
        foreach (var line in yaml.Split('\n'))
        {
            var match = TopLevelKey().Match(line);
            if (match.Success)
            {
                lines.TryAdd(match.Groups[1].Value, number);
            }

            number++;
        }

        return lines;
    }

    private static int CountLines(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                count++;
            }
        }

        return count;
    }

    internal static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        // Inline styles would need 'unsafe-inline' in the host's Content-Security-Policy.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link
                && link.GetAttribute("href") is { } href
                && Uri.TryCreate(href, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                link.SetAttribute("target", "_blank");
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex(@"[^a-z0-9._-]+", RegexOptions.CultureInvariant)]
    private static partial Regex SlugInvalid();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:", RegexOptions.CultureInvariant)]
    private static partial Regex TopLevelKey();
}
