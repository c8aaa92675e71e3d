namespace HelpWidget.Tool;

/// <summary>The <c>helpwidget</c> command.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the command stop at its next step and exit with its own code instead of being killed mid-write.
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await ToolCommands.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
    }
}
