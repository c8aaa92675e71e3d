using System.Diagnostics;
using System.Reflection;

namespace HelpWidget.Tool.Tests;

/// <summary>Runs the built <c>helpwidget</c> tool as a separate process and captures what it prints.</summary>
internal static class ToolProcess
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    public static string ToolDll { get; } = Path.Combine(RepoRoot, "src", "HelpWidget.Tool", "bin", Configuration, "net10.0", "HelpWidget.Tool.dll");

    public static async Task<ToolResult> RunAsync(params string[] args) => await RunInAsync(Path.GetTempPath(), args);

    public static async Task<ToolResult> RunInAsync(string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(ToolDll), $"The tool was not built at '{ToolDll}'.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ToolDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return await RunProcessAsync(start);
    }

    public static async Task<ToolResult> RunProcessAsync(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {s_timeout.TotalSeconds} s.");
        }

        return new ToolResult(process.ExitCode, await output, await error);
    }

    private static string Metadata(string key) =>
        typeof(ToolProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

/// <summary>What the tool did: its exit code and what it wrote.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
