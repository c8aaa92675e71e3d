using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HelpWidget;

/// <summary>
/// A Markdown article draft with its front matter filled in (id, title, summary, tags, context, language), in the
/// format of a Markdown knowledge folder, built from a content gap (a search that found nothing, or one followed by a
/// ticket) or from a commented "No" on an article: the start of a guide an editor finishes and drops into the folder.
/// </summary>
/// <remarks>
/// Every value in the front matter is a YAML double-quoted scalar on one line, with backslashes, quotes and every
/// control or line-separator character escaped or replaced, so no search or comment can end the front matter, add a
/// key or change the article's id. Text in the body is escaped so it reads as plain text, never as HTML or Markdown.
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed class HelpArticleDraft
{
    /// <summary>The longest id a draft gets (the Markdown folder accepts up to 128 characters).</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest title a draft gets (the Markdown folder keeps up to 300 characters).</summary>
    public const int MaxTitleLength = 200;

    private const int MaxTextLength = 1000;

    private HelpArticleDraft(string id, string title, string? context, string? language, string markdown)
    {
        Id = id;
        Title = title;
        Context = context;
        Language = language;
        Markdown = markdown;
    }

    /// <summary>Gets the article id: a slug of the search (lower-case ASCII letters, digits and <c>-</c>), or the rated article's id.</summary>
    public string Id { get; }

    /// <summary>Gets the title, one line, at most <see cref="MaxTitleLength"/> characters.</summary>
    public string Title { get; }

    /// <summary>Gets the context (the page the search or comment came from); <see langword="null"/> when unknown.</summary>
    public string? Context { get; }

    /// <summary>Gets the language; <see langword="null"/> when unknown (the folder's default language applies).</summary>
    public string? Language { get; }

    /// <summary>Gets the file name to save the draft as: <see cref="Id"/> with <c>.md</c>.</summary>
    public string FileName => Id + ".md";

    /// <summary>Gets the whole file: front matter and a body to complete.</summary>
    public string Markdown { get; }

    /// <summary>Creates a draft for a content gap.</summary>
    /// <param name="query">The normalised search that found nothing or was followed by a ticket.</param>
    /// <param name="context">The page it was made on, or <see langword="null"/>.</param>
    /// <param name="language">The language it was made in, or <see langword="null"/>.</param>
    /// <returns>The draft.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public static HelpArticleDraft FromSearch(string query, string? context, string? language)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = OneLine(query, MaxTitleLength);
        var title = text.Length == 0 ? "New article" : char.ToUpperInvariant(text[0]) + text[1..];
        var id = IdFor(query);
        var body = new StringBuilder()
            .Append("Write one or two sentences on what this guide helps with: people searched for \u201C")
            .Append(EscapeText(text)).Append("\u201D and found no answer.\n\n")
            .Append("## Steps\n\n1. \n2. \n3. \n\n## If it still does not work\n\nSay whom to contact and what to tell them.\n")
            .ToString();
        return Create(id, title, context, language, [text], body);
    }

    /// <summary>Creates a draft revision of an article that was rated "No" with a comment.</summary>
    /// <param name="articleId">The article's id.</param>
    /// <param name="title">The article's title, or <see langword="null"/> when it is no longer known (the id is used).</param>
    /// <param name="language">The article's language, or <see langword="null"/>.</param>
    /// <param name="comment">The comment, already scrubbed of personal data.</param>
    /// <returns>The draft, with the comment quoted as plain text at the start of its body.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="articleId"/> or <paramref name="comment"/> is <see langword="null"/>.</exception>
    public static HelpArticleDraft FromComment(string articleId, string? title, string? language, string comment)
    {
        ArgumentNullException.ThrowIfNull(articleId);
        ArgumentNullException.ThrowIfNull(comment);
        var id = IsValidId(articleId) ? articleId : IdFor(articleId);
        var heading = OneLine(string.IsNullOrWhiteSpace(title) ? articleId : title, MaxTitleLength);
        var body = new StringBuilder()
            .Append("> A reader rated this article \u201CNo\u201D and wrote: ")
            .Append(EscapeText(OneLine(comment, MaxTextLength)))
            .Append("\n>\n> Revise the article below with this in mind, then remove this note.\n\n")
            .Append("Paste the current text of the article here and revise it.\n")
            .ToString();
        return Create(id, heading.Length == 0 ? id : heading, null, language, [], body);
    }

    /// <summary>Gets the id a draft for this search gets; an article with this id marks the gap as addressed.</summary>
    /// <param name="query">The normalised search.</param>
    /// <returns>Lower-case ASCII letters and digits joined by <c>-</c>, at most <see cref="MaxIdLength"/> characters; for a search without any, <c>draft-</c> and a hash of it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public static string IdFor(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var slug = new StringBuilder(Math.Min(query.Length, MaxIdLength));
        foreach (var c in query.Normalize(NormalizationForm.FormD))
        {
            if (slug.Length >= MaxIdLength)
            {
                break;
            }

            var folded = Fold(c);
            if (folded is null)
            {
                continue;
            }

            if (folded.Length > 0 && char.IsAsciiLetterOrDigit(folded[0]))
            {
                slug.Append(folded);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var id = slug.ToString(0, Math.Min(slug.Length, MaxIdLength)).Trim('-');
        if (id.Length > 0)
        {
            return id;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(query));
        return "draft-" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }

    // A diacritic (after decomposition) disappears; letters the decomposition keeps whole are spelt in ASCII; anything
    // else that is not an ASCII letter or digit separates words.
    private static string? Fold(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark
        ? null
        : char.ToLowerInvariant(c) switch
        {
            'ø' => "o",
            'æ' => "ae",
            'ß' => "ss",
            'đ' or 'ð' => "d",
            'þ' => "th",
            'ł' => "l",
            var lower when char.IsAsciiLetterOrDigit(lower) => lower.ToString(),
            _ => string.Empty,
        };

    private static bool IsValidId(string id) =>
        id.Length is > 0 and <= 128 && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static HelpArticleDraft Create(string id, string title, string? context, string? language, string[] tags, string body)
    {
        var cleanContext = string.IsNullOrWhiteSpace(context) ? null : OneLine(context, MaxTextLength);
        var cleanLanguage = LanguageTag(language);
        var front = new StringBuilder("---\n")
            .Append("id: ").Append(Quoted(id)).Append('\n')
            .Append("title: ").Append(Quoted(title)).Append('\n')
            .Append("summary: ").Append(Quoted("One sentence on what this guide helps with.")).Append('\n');
        if (tags.Length > 0)
        {
            front.Append("tags: [").AppendJoin(", ", tags.Select(Quoted)).Append("]\n");
        }

        if (cleanContext is not null)
        {
            front.Append("contexts: [").Append(Quoted(cleanContext)).Append("]\n");
        }

        if (cleanLanguage is not null)
        {
            front.Append("language: ").Append(Quoted(cleanLanguage)).Append('\n');
        }

        front.Append("---\n").Append(body);
        return new HelpArticleDraft(id, title, cleanContext, cleanLanguage, front.ToString());
    }

    // A language tag is letters, digits and '-' (sv, sv-SE, zh-Hant); anything else is not one and is left out.
    private static string? LanguageTag(string? language) =>
        language is { Length: > 0 and <= 35 } tag && char.IsAsciiLetter(tag[0]) && tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? tag
            : null;

    // White space, control and line-separator characters become single spaces, so the value is one line.
    private static string OneLine(string text, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text)
        {
            if (builder.Length >= maxLength)
            {
                break;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format)
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        // A lone surrogate left by the cut is not valid text in a file.
        if (builder.Length > 0 && char.IsHighSurrogate(builder[^1]))
        {
            builder.Length--;
        }

        return builder.ToString().Trim();
    }

    // A YAML double-quoted scalar: only '\' and '"' need escaping once the text is one line without control characters.
    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // Markdown and HTML punctuation gets a backslash, so the text renders as written and never as a tag or a link.
    private static string EscapeText(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '-' or '.' or '!' or '|' or '<' or '>' or '&' or '~' or '=' or ':' or '"' or '\'')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
