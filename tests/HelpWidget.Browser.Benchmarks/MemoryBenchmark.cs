using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// <c>-- --memory [Key=a,b]</c> (default <c>HelpWidget:SemanticSearch=true,false</c>): the intranet sample started as
/// its own process each way in turn, from its Release build, on 127.0.0.1 with a store and a vectors folder of its
/// own. Reports its working set after a warm-up (20 page loads once it answers), and again when its /health says search
/// is ready (with meaning-aware search on: every English article's vector computed, the model loaded), with the time
/// that took.
/// </summary>
internal static class MemoryBenchmark
{
    public static async Task<int> RunAsync(TextWriter output, string key, string[] values)
    {
        var sample = SampleFolder();
        var dll = Path.Combine(sample, "bin", "Release", "net10.0", "HelpWidget.Samples.Intranet.dll");
        if (!File.Exists(dll))
        {
            await output.WriteLineAsync($"The sample's Release build was not found at '{dll}': run this with -c Release, which builds it.");
            return 2;
        }

        var rows = new List<object>();
        foreach (var value in values)
        {
            var data = Directory.CreateTempSubdirectory("hw-memory-");
            var port = FreePort();
            using var process = Start(dll, sample, data.FullName, port, key, value);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
                var started = Stopwatch.StartNew();
                await WaitAsync(client, process, "/", text => true, TimeSpan.FromMinutes(2));
                var answered = started.Elapsed;
                for (var i = 0; i < 20; i++)
                {
                    (await client.GetAsync(new Uri("/", UriKind.Relative))).EnsureSuccessStatusCode();
                }

                var warm = WorkingSetMb(process);
                var health = await WaitAsync(client, process, "/health", text => text.StartsWith("Healthy", StringComparison.Ordinal), TimeSpan.FromMinutes(30));
                var ready = started.Elapsed;
                var readyMb = WorkingSetMb(process);
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{key}={value,-6} answered after {answered.TotalSeconds:0.0} s; working set {warm:0} MB after the warm-up, {readyMb:0} MB when search was ready after {ready.TotalSeconds:0.0} s ({health})"));
                rows.Add(new { value, answered_s = Math.Round(answered.TotalSeconds, 1), warm_mb = Math.Round(warm), ready_s = Math.Round(ready.TotalSeconds, 1), ready_mb = Math.Round(readyMb) });
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                data.Delete(recursive: true);
            }
        }

        await output.WriteLineAsync(JsonSerializer.Serialize(new { benchmark = "sample-memory", key, sides = rows }));
        return 0;
    }

    private static Process Start(string dll, string sample, string data, int port, string key, string value)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = sample,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["HelpWidget__Insights__DemoData"] = "false";
        start.Environment["HelpWidget__Sqlite__ConnectionString"] = $"Data Source={Path.Combine(data, "helpwidget.db")}";
        start.Environment["HelpWidget__Lucene__Semantic__VectorCachePath"] = Path.Combine(data, "vectors");
        start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The sample did not start.");

        // Read and dropped, so a full pipe never stops the sample.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Asks <paramref name="path"/> until its answer satisfies <paramref name="done"/>; returns that answer.</summary>
    private static async Task<string> WaitAsync(HttpClient client, Process process, string path, Func<string, bool> done, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var last = "no answer";
        while (waited.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The sample exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                last = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && done(last))
                {
                    return path == "/" ? "200" : last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{path} did not answer as expected within {timeout}: {last}");
    }

    private static double WorkingSetMb(Process process)
    {
        process.Refresh();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    private static string SampleFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var sample = Path.Combine(directory.FullName, "samples", "HelpWidget.Samples.Intranet");
            if (Directory.Exists(sample))
            {
                return sample;
            }
        }

        throw new InvalidOperationException("The sample's folder was not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
