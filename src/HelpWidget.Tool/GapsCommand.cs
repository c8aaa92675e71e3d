using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HelpWidget.Markdown;

namespace HelpWidget.Tool;

/// <summary><c>helpwidget gaps &lt;folder&gt; --insights &lt;db&gt;</c>: searches no article answered, and whether the folder now has one.</summary>
internal static class GapsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "The knowledge folder, such as KnowledgeBase." };
        var insights = InsightsOption();
        var days = DaysOption();
        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("gaps", "Lists the content gaps of the app's insights (searches with no results, or followed by a ticket) and which the folder has answered since.")
        {
            folder, insights, days, format,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(folder), parse.GetValue(insights), parse.GetValue(days), parse.GetValue(format) ?? "text", output, error, cancellationToken));
        return command;
    }

    public static Option<string> InsightsOption(bool required = true) =>
        new("--insights") { Description = "The app's SQLite database file with its insights (SqliteStoreOptions.ConnectionString's Data Source).", Required = required };

    public static Option<int> DaysOption() =>
        new("--days") { Description = "How many days back to look, from 1 to 3660.", DefaultValueFactory = _ => 90 };

    /// <summary>Reads the gaps, or says why not; <see langword="null"/> after writing the reason to <paramref name="error"/>.</summary>
    public static async Task<IReadOnlyList<ContentGap>?> ReadAsync(string? database, int days, TextWriter error, CancellationToken cancellationToken)
    {
        if (days is < 1 or > HelpInsightsQuery.MaxDays)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--days must be from 1 to {HelpInsightsQuery.MaxDays}, not {days}."));
            return null;
        }

        if (string.IsNullOrWhiteSpace(database) || !File.Exists(database))
        {
            await error.WriteLineAsync($"The insights database '{SafeText.Of(database)}' does not exist; give the app's SQLite file, such as --insights helpwidget.db.");
            return null;
        }

        try
        {
            return await ContentGaps.ReadAsync(Path.GetFullPath(database), days, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            await error.WriteLineAsync(SafeText.Of(ex.Message));
            return null;
        }
    }

    private static async Task<int> RunAsync(string? folder, string? database, int days, string format, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = ToolCommands.CheckFolder(folder, error);
        if (root is null)
        {
            return ExitCodes.Usage;
        }

        var gaps = await ReadAsync(database, days, error, cancellationToken);
        if (gaps is null)
        {
            return ExitCodes.Usage;
        }

        var report = await KnowledgeBaseLinter.LintAsync(root, cancellationToken: cancellationToken);
        var existing = report.Articles.Select(a => (a.Id, a.Language)).ToHashSet();
        bool Addressed(ContentGap gap) => gap.Language is null ? report.Articles.Any(a => a.Id == gap.Id) : existing.Contains((gap.Id, gap.Language));
        if (format == "json")
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartArray();
                foreach (var gap in gaps)
                {
                    json.WriteStartObject();
                    json.WriteString("query", gap.Query);
                    json.WriteString("language", gap.Language);
                    json.WriteString("route", gap.Route);
                    json.WriteNumber("noResults", gap.NoResults);
                    json.WriteNumber("followedByTicket", gap.FollowedByTicket);
                    json.WriteString("id", gap.Id);
                    json.WriteBoolean("addressed", Addressed(gap));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return ExitCodes.Success;
        }

        foreach (var gap in gaps)
        {
            var status = Addressed(gap) ? $"addressed by '{gap.Id}'" : "open";
            await output.WriteLineAsync(SafeText.Of(string.Create(CultureInfo.InvariantCulture, $"{gap.Count,5}  \"{gap.Query}\"  {gap.Language ?? "-"}  {gap.Route ?? "-"}  {gap.NoResults} without results, {gap.FollowedByTicket} followed by a ticket  {status}")));
        }

        var open = gaps.Count(g => !Addressed(g));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{gaps.Count} content gaps in the last {days} days, {open} open."));
        if (open > 0)
        {
            await output.WriteLineAsync($"Start an article for one with: helpwidget new {SafeText.Of(folder)} --from-gap \"<search>\" --insights {SafeText.Of(database)}");
        }

        return ExitCodes.Success;
    }
}
