using System.Globalization;
using System.Text.RegularExpressions;
using Ganss.Xss;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpWidget.Markdown;

/// <summary>Looks through an article's Markdown for what readers would miss: HTML the sanitiser removes and images to check.</summary>
internal static partial class ArticleInspector
{
    [ThreadStatic]
    private static List<string>? t_removed;

    private static readonly HtmlSanitizer s_recorder = CreateRecorder();

    public static void Inspect(MarkdownDocument document, int bodyFirstLine, ArticleFile result)
    {
        var reported = new HashSet<(int, string)>();
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock block:
                    var blockHtml = block.Lines.ToString();
                    CheckHtml(blockHtml, bodyFirstLine + block.Line, result, reported);
                    CheckHtmlImages(blockHtml, bodyFirstLine + block.Line, result);
                    break;
                case HtmlInline inline:
                    CheckHtml(inline.Tag, bodyFirstLine + inline.Line, result, reported);
                    CheckHtmlImages(inline.Tag, bodyFirstLine + inline.Line, result);
                    break;
                case LinkInline link when link.Url is { Length: > 0 } url:
                    var line = bodyFirstLine + link.Line;
                    var tag = link.IsImage
                        ? $"<img src=\"{System.Net.WebUtility.HtmlEncode(url)}\">"
                        : $"<a href=\"{System.Net.WebUtility.HtmlEncode(url)}\">link</a>";
                    CheckHtml(tag, line, result, reported);
                    if (link.IsImage)
                    {
                        AddLocalImage(url, line, result);
                    }

                    break;
                case AutolinkInline autolink when !autolink.IsEmail:
                    CheckHtml($"<a href=\"{System.Net.WebUtility.HtmlEncode(autolink.Url)}\">link</a>", bodyFirstLine + autolink.Line, result, reported);
                    break;
            }
        }
    }

    private static void CheckHtml(string html, int line, ArticleFile result, HashSet<(int, string)> reported)
    {
        var removed = t_removed ??= [];
        removed.Clear();
        s_recorder.Sanitize(html);
        foreach (var what in removed)
        {
            if (reported.Add((line, what)))
            {
                result.Add(line, ContentProblemCodes.HtmlRemoved, ContentProblemSeverity.Error, $"{what} is removed by the sanitiser, so readers do not see it; write it in Markdown or leave it out.");
            }
        }
    }

    private static void CheckHtmlImages(string html, int line, ArticleFile result)
    {
        foreach (Match match in ImageSource().Matches(html))
        {
            var source = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
            AddLocalImage(System.Net.WebUtility.HtmlDecode(source), line, result);
        }
    }

    private static void AddLocalImage(string url, int line, ArticleFile result)
    {
        // Absolute addresses, site paths ('/images/a.png') and data are the site's business, not the folder's.
        if (url.StartsWith('/') || url.StartsWith('#') || Uri.TryCreate(url, UriKind.Absolute, out _) || url.Contains(':', StringComparison.Ordinal))
        {
            return;
        }

        var end = url.IndexOfAny(['?', '#']);
        var path = end >= 0 ? url[..end] : url;
        try
        {
            path = Uri.UnescapeDataString(path);
        }
        catch (UriFormatException)
        {
            // A malformed escape stays as written; the folder check then reports the image as missing.
        }

        if (path.Length > 0)
        {
            result.LocalImages.Add((path, line));
        }
    }

    private static HtmlSanitizer CreateRecorder()
    {
        var sanitizer = MarkdownArticleParser.CreateSanitizer();
        sanitizer.RemovingTag += (_, e) => t_removed?.Add($"The <{e.Tag.LocalName}> element");
        sanitizer.RemovingAttribute += (_, e) => t_removed?.Add(
            e.Attribute.LocalName is "href" or "src"
                ? string.Create(CultureInfo.InvariantCulture, $"The {e.Attribute.LocalName} '{Shorten(e.Attribute.Value)}' of <{e.Tag.LocalName}> (its scheme is not allowed)")
                : $"The {e.Attribute.LocalName} attribute of <{e.Tag.LocalName}>");
        sanitizer.RemovingStyle += (_, e) => t_removed?.Add($"The style '{e.Style.Name}' of <{e.Tag.LocalName}>");
        sanitizer.RemovingAtRule += (_, e) => t_removed?.Add($"A CSS at-rule in <{e.Tag.LocalName}>");
        sanitizer.RemovingCssClass += (_, e) => t_removed?.Add($"The class '{e.CssClass}' of <{e.Tag.LocalName}>");
        return sanitizer;
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    [GeneratedRegex("""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ImageSource();
}
