using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HelpWidget.Markdown;

namespace HelpWidget.Tool;

/// <summary><c>helpwidget lint &lt;folder&gt;</c>: the app's checks, one line per problem, and an exit code for CI.</summary>
internal static class LintCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "The knowledge folder, such as KnowledgeBase." };
        var format = new Option<string>("--format") { Description = "text (one 'file:line: severity code: message' line per problem) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "Exit with 1 when there are warnings too, for a strict CI." };
        var language = new Option<string>("--default-language") { Description = "The language of articles that name none and sit in no language folder (the app's HelpWidget:DefaultLanguage).", DefaultValueFactory = _ => "en" };
        var command = new Command("lint", "Checks the articles and areas as the app does when it loads them; exits with 1 when there are errors.")
        {
            folder, format, warningsAsErrors, language,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(folder), parse.GetValue(format) ?? "text", parse.GetValue(warningsAsErrors), parse.GetValue(language) ?? "en", output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? folder, string format, bool warningsAsErrors, string language, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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

        var errors = report.Problems.Count(p => p.Severity == ContentProblemSeverity.Error);
        var warnings = report.Problems.Count - errors;
        if (format == "json")
        {
            WriteJson(report, errors, warnings, output);
        }
        else
        {
            foreach (var problem in report.Problems)
            {
                var file = Path.Join(folder, problem.File).Replace('\\', '/');
                await output.WriteLineAsync(SafeText.Of(string.Create(CultureInfo.InvariantCulture, $"{file}:{problem.Line}: {(problem.Severity == ContentProblemSeverity.Error ? "error" : "warning")} {problem.Code}: {problem.Message}")));
            }

            var areaCount = report.Areas.Select(a => a.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{report.FileCount} files, {report.Articles.Count} articles, {areaCount} areas: {errors} errors, {warnings} warnings."));
        }

        return errors > 0 || (warningsAsErrors && warnings > 0) ? ExitCodes.ProblemsFound : ExitCodes.Success;
    }

    private static void WriteJson(KnowledgeBaseReport report, int errors, int warnings, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("files", report.FileCount);
            json.WriteNumber("articles", report.Articles.Count);
            json.WriteNumber("areas", report.Areas.Select(a => a.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            json.WriteNumber("errors", errors);
            json.WriteNumber("warnings", warnings);
            json.WriteStartArray("problems");
            foreach (var problem in report.Problems)
            {
                json.WriteStartObject();
                json.WriteString("file", problem.File);
                json.WriteNumber("line", problem.Line);
                json.WriteString("severity", problem.Severity == ContentProblemSeverity.Error ? "error" : "warning");
                json.WriteString("code", problem.Code);
                json.WriteString("message", problem.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
