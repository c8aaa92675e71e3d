using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HelpWidget.Markdown;

namespace HelpWidget.Tool;

/// <summary><c>helpwidget stats &lt;folder&gt;</c>: articles per area and language.</summary>
internal static class StatsCommand
{
    private const string NoArea = "(no area)";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "The knowledge folder, such as KnowledgeBase." };
        var format = new Option<string>("--format") { Description = "text (a table) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var language = new Option<string>("--default-language") { Description = "The language of articles that name none and sit in no language folder.", DefaultValueFactory = _ => "en" };
        var command = new Command("stats", "Counts the articles per area and language, in the areas' order.") { folder, format, language };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(folder), parse.GetValue(format) ?? "text", parse.GetValue(language) ?? "en", output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? folder, string format, string language, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = ToolCommands.CheckFolder(folder, error);
        if (root is null)
        {
            return ExitCodes.Usage;
        }

        KnowledgeBaseReport report;
        try
        {
            report = await KnowledgeBaseLinter.LintAsync(root, new KnowledgeBaseLintOptions { DefaultLanguage = language }, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(SafeText.Of(ex.Message));
            return ExitCodes.Usage;
        }

        var languages = report.Articles.Select(a => a.Language).Concat(report.Areas.Select(a => a.Language)).Distinct().Order(StringComparer.Ordinal).ToList();
        var areaIds = report.Areas.Select(a => a.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var rows = new List<(string Area, string Title, int[] Counts)>();
        foreach (var id in areaIds)
        {
            var title = report.Areas.FirstOrDefault(a => a.Id == id && a.Language == language)?.Title ?? report.Areas.First(a => a.Id == id).Title;
            rows.Add((id, title, Count(report, languages, a => string.Equals(a.Area, id, StringComparison.OrdinalIgnoreCase))));
        }

        var known = areaIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var outside = Count(report, languages, a => a.Area is null || !known.Contains(a.Area));
        if (outside.Any(c => c > 0))
        {
            rows.Add((NoArea, string.Empty, outside));
        }

        var totals = Count(report, languages, _ => true);
        if (format == "json")
        {
            WriteJson(languages, rows, totals, output);
        }
        else
        {
            WriteTable(languages, rows, totals, output);
        }

        return ExitCodes.Success;
    }

    private static int[] Count(KnowledgeBaseReport report, List<string> languages, Func<HelpArticle, bool> inRow) =>
        [.. languages.Select(language => report.Articles.Count(a => a.Language == language && inRow(a)))];

    private static void WriteTable(List<string> languages, List<(string Area, string Title, int[] Counts)> rows, int[] totals, TextWriter output)
    {
        var areaWidth = Math.Max("area".Length, rows.Select(r => SafeText.Of(r.Area).Length).DefaultIfEmpty(0).Max());
        var titleWidth = Math.Min(48, Math.Max("title".Length, rows.Select(r => SafeText.Of(r.Title).Length).DefaultIfEmpty(0).Max()));
        var line = string.Create(CultureInfo.InvariantCulture, $"{"area".PadRight(areaWidth)}  {"title".PadRight(titleWidth)}");
        output.WriteLine(line + string.Concat(languages.Select(l => $"  {SafeText.Of(l),5}")));
        foreach (var (area, title, counts) in rows)
        {
            var shown = SafeText.Of(title);
            shown = shown.Length > titleWidth ? shown[..(titleWidth - 1)] + "…" : shown;
            output.WriteLine($"{SafeText.Of(area).PadRight(areaWidth)}  {shown.PadRight(titleWidth)}" + string.Concat(counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c,5}"))));
        }

        output.WriteLine($"{"total".PadRight(areaWidth)}  {string.Empty.PadRight(titleWidth)}" + string.Concat(totals.Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c,5}"))));
    }

    private static void WriteJson(List<string> languages, List<(string Area, string Title, int[] Counts)> rows, int[] totals, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("areas");
            foreach (var (area, title, counts) in rows)
            {
                json.WriteStartObject();
                if (area == NoArea)
                {
                    json.WriteNull("id");
                }
                else
                {
                    json.WriteString("id", area);
                    json.WriteString("title", title);
                }

                WriteCounts(json, "articles", languages, counts);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteCounts(json, "total", languages, totals);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, List<string> languages, int[] counts)
    {
        json.WriteStartObject(name);
        for (var i = 0; i < languages.Count; i++)
        {
            json.WriteNumber(languages[i], counts[i]);
        }

        json.WriteEndObject();
    }
}
