using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace HelpWidget.Delivery.Tests;

/// <summary>The crash host, HelpWidget.Delivery.CrashHost, started as its own process: a real app instance a test can kill.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConditionSignal _printed = new();

    private AppProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public static AppProcess Start(DirectoryInfo folder, IEnumerable<string> arguments, string name = "app")
    {
        var host = typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CrashHostPath").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(host));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var app = new AppProcess(Process.Start(start)!, name);
        app._process.OutputDataReceived += (_, line) => app.Collect(line.Data);
        app._process.ErrorDataReceived += (_, line) => app.Collect(line.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until the process has printed a line that starts with <paramref name="start"/>.</summary>
    public Task WaitForLineAsync(string start, TimeSpan timeout) =>
        _printed.WaitUntilAsync(() => Output.Any(line => line.StartsWith(start, StringComparison.Ordinal)) || _process.HasExited, timeout);

    /// <summary>Kills the process with SIGKILL, so no shutdown code of the app runs, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(limit.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
            TestContext.Current.TestOutputHelper?.WriteLine($"{Name}: {line}");
            _printed.Pulse();
        }
    }
}
