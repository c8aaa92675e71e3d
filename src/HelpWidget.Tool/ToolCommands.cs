using System.CommandLine;

namespace HelpWidget.Tool;

/// <summary>Builds and runs the command line: <c>lint</c>, <c>new</c> and <c>stats</c>.</summary>
internal static class ToolCommands
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Works on a HelpWidget knowledge folder: Markdown articles with YAML front matter in language folders, and areas.yml beside them.")
        {
            LintCommand.Create(output, error),
            NewCommand.Create(output, error),
            StatsCommand.Create(output, error),
            GapsCommand.Create(output, error),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(SafeText.Of(problem.Message));
            }

            await error.WriteLineAsync("Run 'helpwidget --help' to see the commands and their options.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Cancelled.");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Checks the folder argument the way every command needs it: it exists and is a folder.</summary>
    public static string? CheckFolder(string? folder, TextWriter error)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            error.WriteLine("Give the knowledge folder, such as 'helpwidget lint KnowledgeBase'.");
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(folder);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            error.WriteLine($"'{SafeText.Of(folder)}' is not a valid folder path.");
            return null;
        }

        if (File.Exists(full))
        {
            error.WriteLine($"'{SafeText.Of(folder)}' is a file; give the knowledge folder that holds the articles.");
            return null;
        }

        if (!Directory.Exists(full))
        {
            error.WriteLine($"The folder '{SafeText.Of(folder)}' does not exist.");
            return null;
        }

        return full;
    }
}
