using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using HelpWidget.Markdown;

namespace HelpWidget.Tool;

/// <summary><c>helpwidget new &lt;folder&gt; --title "..."</c>: an article skeleton in the language folder, its id made from the title.</summary>
internal static partial class NewCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "The knowledge folder, such as KnowledgeBase." };
        var title = new Option<string?>("--title") { Description = "The article's title; its id is made from it." };
        var fromGap = new Option<string?>("--from-gap") { Description = "Instead of --title: a search no article answered (see 'helpwidget gaps'); the draft's id, title and tags come from it." };
        var insights = GapsCommand.InsightsOption(required: false);
        insights.Description = "With --from-gap: the app's SQLite insights database, to check the search is a gap and take its page and language.";
        var days = GapsCommand.DaysOption();
        var language = new Option<string?>("--language") { Description = "The article's language as a two-letter code (default: the gap's, else en); the file goes in that language's folder." };
        var area = new Option<string?>("--area") { Description = "The id of the area the article belongs to (one defined in areas.yml)." };
        var id = new Option<string?>("--id") { Description = "The article's id, when the one made from the title does not suit (or a title has no letters a-z)." };
        var command = new Command("new", "Writes a new article skeleton with its front matter, from a title or a content gap; never overwrites an existing article.")
        {
            folder, title, fromGap, insights, days, language, area, id,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new Request(parse.GetValue(folder), parse.GetValue(title), parse.GetValue(language), parse.GetValue(area), parse.GetValue(id), parse.GetValue(fromGap), parse.GetValue(insights), parse.GetValue(days)),
            output,
            error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = ToolCommands.CheckFolder(request.Folder, error);
        if (root is null)
        {
            return ExitCodes.Usage;
        }

        if ((request.Title is null) == (request.FromGap is null))
        {
            await error.WriteLineAsync("Give either --title \"...\" or --from-gap \"<search>\" (see 'helpwidget gaps'), not both or neither.");
            await error.WriteLineAsync("Run 'helpwidget --help' to see the commands and their options.");
            return ExitCodes.Usage;
        }

        if (request.Language is not null && !LanguagePattern().IsMatch(request.Language))
        {
            await error.WriteLineAsync($"'{SafeText.Of(request.Language)}' is not a language; give a two-letter lower-case code such as 'en' or 'sv'.");
            return ExitCodes.Usage;
        }

        if (request.FromGap is not null)
        {
            return await FromGapAsync(root, request, output, error, cancellationToken);
        }

        var title = MarkdownArticleParser.Clean(request.Title ?? string.Empty);
        if (title.Length == 0)
        {
            await error.WriteLineAsync("Give the article a title with --title \"...\"; it cannot be empty or only control characters.");
            return ExitCodes.Usage;
        }

        if (title.Length > MarkdownArticleParser.MaxTitleLength)
        {
            await error.WriteLineAsync($"The title is {title.Length} characters long; keep it to {MarkdownArticleParser.MaxTitleLength} (a short title is easier to find and read).");
            return ExitCodes.Usage;
        }

        var id = request.Id is null ? DashRun().Replace(MarkdownArticleParser.Slug(title), "-") : request.Id.Trim();
        if (id.Length > 80 && request.Id is null)
        {
            id = id[..80].TrimEnd('-', '.', '_');
        }

        if (!MarkdownArticleParser.IsValidId(id))
        {
            await error.WriteLineAsync(request.Id is null
                ? "No id can be made from this title (it has no letters a-z or digits); give one with --id, such as --id reset-password."
                : $"'{SafeText.Of(request.Id)}' is not a valid id; use 1 to 128 letters, digits, '.', '-' or '_', starting with a letter or digit.");
            return ExitCodes.Usage;
        }

        var language = request.Language ?? "en";
        var folderState = await ReadFolderAsync(root, request.Area, error, cancellationToken);
        if (folderState is not { } state)
        {
            return ExitCodes.Usage;
        }

        return await WriteAsync(root, request.Folder, id, language, state.Report, Skeleton(id, title, language, request.Area, state.AreaIds), "Choose another title or give an --id.", output, error, cancellationToken);
    }

    private static async Task<int> FromGapAsync(string root, Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var search = MarkdownArticleParser.Clean(request.FromGap!);
        if (search.Length == 0)
        {
            await error.WriteLineAsync("Give the search of the content gap with --from-gap \"...\"; it cannot be empty or only control characters.");
            return ExitCodes.Usage;
        }

        ContentGap? gap = null;
        if (request.Insights is not null)
        {
            var gaps = await GapsCommand.ReadAsync(request.Insights, request.Days, error, cancellationToken);
            if (gaps is null)
            {
                return ExitCodes.Usage;
            }

            gap = gaps.Where(g => string.Equals(g.Query, search, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(g => request.Language is null || g.Language == request.Language)
                .ThenByDescending(g => g.Count)
                .FirstOrDefault();
            if (gap is null)
            {
                await error.WriteLineAsync($"\"{SafeText.Of(search)}\" is not a content gap of the last {request.Days} days in '{SafeText.Of(request.Insights)}'; 'helpwidget gaps' lists them.");
                return ExitCodes.Usage;
            }
        }

        var language = request.Language ?? MarkdownArticleParser.PrimaryLanguage(gap?.Language) ?? "en";
        var draft = HelpArticleDraft.FromSearch(search, gap?.Route, language);
        var folderState = await ReadFolderAsync(root, request.Area, error, cancellationToken);
        if (folderState is not { } state)
        {
            return ExitCodes.Usage;
        }

        var markdown = draft.Markdown;
        if (request.Area is not null)
        {
            // The draft's front matter ends at its first '\n---\n'; the area (a defined id, so plain characters) goes just before.
            var end = markdown.IndexOf("\n---\n", 3, StringComparison.Ordinal);
            markdown = markdown[..(end + 1)] + "area: " + request.Area + markdown[end..];
        }

        return await WriteAsync(root, request.Folder, draft.Id, language, state.Report, markdown, "The gap is addressed already.", output, error, cancellationToken);
    }

    private static async Task<(KnowledgeBaseReport Report, List<string> AreaIds)?> ReadFolderAsync(string root, string? area, TextWriter error, CancellationToken cancellationToken)
    {
        var report = await KnowledgeBaseLinter.LintAsync(root, cancellationToken: cancellationToken);
        var areaIds = report.Areas.Select(a => a.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (area is not null && !areaIds.Contains(area, StringComparer.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync(areaIds.Count == 0
                ? $"The area '{SafeText.Of(area)}' is not defined: the folder has no areas.yml. Define the area there first (see docs/editors.md)."
                : $"The area '{SafeText.Of(area)}' is not defined in areas.yml; known areas are {string.Join(", ", areaIds.Select(a => $"'{a}'"))}.");
            return null;
        }

        return (report, areaIds);
    }

    private static async Task<int> WriteAsync(string root, string? folder, string id, string language, KnowledgeBaseReport report, string markdown, string advice, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (report.Articles.FirstOrDefault(a => a.Id == id && a.Language == language) is not null)
        {
            await error.WriteLineAsync($"An article with the id '{id}' already exists in '{language}'; nothing was written. {advice}");
            return ExitCodes.AlreadyExists;
        }

        var relative = $"{language}/{id}.md";
        var path = Path.Combine(root, language, id + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            // CreateNew, not a check before writing: an article written meanwhile by someone else is never overwritten.
            await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await writer.WriteAsync(markdown.AsMemory(), cancellationToken);
        }
        catch (IOException) when (File.Exists(path))
        {
            await error.WriteLineAsync($"'{SafeText.Of(Path.Join(folder, relative))}' already exists; nothing was written.");
            return ExitCodes.AlreadyExists;
        }

        await output.WriteLineAsync($"Wrote {SafeText.Of(Path.Join(folder, relative).Replace('\\', '/'))} (id '{id}'). Fill in the summary, tags and steps, then run 'helpwidget lint'.");
        return ExitCodes.Success;
    }

    internal static string Skeleton(string id, string title, string language, string? area, IReadOnlyList<string> areaIds)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("id: ").Append(id).Append('\n');
        text.Append("title: ").Append(Quoted(title)).Append('\n');
        text.Append("summary: \"\"\n");
        text.Append("language: ").Append(language).Append('\n');
        if (area is not null)
        {
            text.Append("area: ").Append(area).Append('\n');
        }
        else if (areaIds.Count > 0)
        {
            text.Append("# area: one of ").Append(string.Join(", ", areaIds)).Append('\n');
        }

        text.Append("tags: []\n");
        text.Append("contexts: []\n");
        text.Append("related: []\n");
        text.Append("---\n");
        text.Append("Say in a sentence or two who this is for and what it helps with.\n\n");
        text.Append("## Steps\n\n1. \n2. \n\n## If it does not work\n\n- \n");
        return text.ToString();
    }

    /// <summary>A YAML double-quoted scalar: the title stays text whatever it holds (a colon, a '#', quotes, '---').</summary>
    private static string Quoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("[-._]*-[-._]*", RegexOptions.CultureInvariant)]
    private static partial Regex DashRun();

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();

    private sealed record Request(string? Folder, string? Title, string? Language, string? Area, string? Id, string? FromGap, string? Insights, int Days);
}
