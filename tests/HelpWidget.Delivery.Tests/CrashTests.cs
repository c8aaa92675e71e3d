using HelpWidget.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace HelpWidget.Delivery.Tests;

/// <summary>
/// A real app process (engine, SQLite file, webhook sink) is killed with SIGKILL in the middle of a delivery and
/// started again: every ticket must reach the receiver, which creates each case exactly once.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Tickets = 250;
    private const int KillAfter = 100;
    private readonly SqliteTestFolder _files = new("hw-crash-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Crash_ProcessKilledDuringADelivery_EveryTicketArrivesAfterRestartAndEachCaseIsCreatedOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The case is created, then the answer is held until the process is dead: the worst moment to crash.
        receiver.AfterCreate = async count =>
        {
            if (count == KillAfter)
            {
                killPoint.TrySetResult();
                await killed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        };

        using (var first = AppProcess.Start(_files.Folder, receiver.Url))
        {
            try
            {
                await killPoint.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
                Assert.Equal(KillAfter, receiver.CaseCount);
                await first.KillAsync();
            }
            finally
            {
                killed.TrySetResult();
            }

            Assert.Equal($"queued {Tickets} new tickets of {Tickets}", first.Output.First());
        }

        using (var second = AppProcess.Start(_files.Folder, receiver.Url))
        {
            await receiver.WaitUntilAsync(r => r.CaseCount == Tickets, TimeSpan.FromSeconds(60));
            await second.KillAsync();
            Assert.Equal($"queued 0 new tickets of {Tickets}", second.Output.First());
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"CRASH: killed after {KillAfter} of {Tickets} cases; {receiver.Requests} requests in all; {receiver.Duplicates} redelivery(ies) of a case already created, answered without creating it again."));
        Assert.Equal(Enumerable.Range(0, Tickets).Select(i => string.Create(CultureInfo.InvariantCulture, $"crash-{i:D4}")), receiver.CaseOrder);
        Assert.InRange(receiver.Duplicates, 1, 3);
        Assert.Equal(Tickets + receiver.Duplicates, receiver.Requests);
        Assert.Equal(0, receiver.BadSignatures);
    }

    /// <summary>The crash host, HelpWidget.Delivery.CrashHost, started as its own process.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;

        private AppProcess(Process process) => _process = process;

        public ConcurrentQueue<string> Output { get; } = new();

        public static AppProcess Start(DirectoryInfo folder, Uri url)
        {
            var host = typeof(CrashTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CrashHostPath").Value!;
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { Path.GetFullPath(host), Path.Combine(folder.FullName, "help.db"), url.ToString(), WebhookReceiver.Secret, Tickets.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            var app = new AppProcess(Process.Start(start)!);
            app._process.OutputDataReceived += (_, line) => Collect(app, line.Data);
            app._process.ErrorDataReceived += (_, line) => Collect(app, line.Data);
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            return app;
        }

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

        private static void Collect(AppProcess app, string? line)
        {
            if (line is not null)
            {
                app.Output.Enqueue(line);
                TestContext.Current.TestOutputHelper?.WriteLine("app: " + line);
            }
        }
    }
}
