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
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var (yaml, body, frontMatterError) = SplitFrontMatter(text);
        if (frontMatterError is not null)
        {
            return (null, frontMatterError);
        }

        Dictionary<string, object?> fields;
        try
        {
            fields = ReadFields(yaml);
        }
        catch (YamlException ex)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"the front matter is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column})."));
        }

        var id = Clean(Scalar(fields, "id"));
        if (id.Length == 0)
        {
            id = Slug(Path.GetFileNameWithoutExtension(relativePath));
        }
        else if (!IdPattern().IsMatch(id))
        {
            return (null, "the id must be 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit.");
        }

        if (id.Length == 0)
        {
            return (null, "no id could be derived from the file name; add 'id' to the front matter.");
        }

        var html = s_sanitizer.Sanitize(Markdig.Markdown.ToHtml(body, s_pipeline));
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

        return (new HelpArticle
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
        }, null);
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

    /// <summary>Removes control characters and collapses white space.</summary>
    private static string Clean(string value)
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

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length].TrimEnd();

    private static string Slug(string name)
    {
        var slug = SlugInvalid().Replace(name.ToLowerInvariant(), "-").Trim('-', '.', '_');
        return slug.Length > 128 ? slug[..128] : slug;
    }

    private static HtmlSanitizer CreateSanitizer()
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
}
