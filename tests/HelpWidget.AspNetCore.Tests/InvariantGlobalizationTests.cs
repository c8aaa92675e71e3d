using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HelpWidget.Testing;

namespace HelpWidget.AspNetCore.Tests;

/// <summary>
/// The intranet sample and the help server sample, started as their own processes the way a small container image runs
/// them: .NET in globalization-invariant mode (which knows no culture but the invariant one) and <c>LANG=C.UTF-8</c>.
/// They must start, and serve English and the other languages' articles by language tag.
/// </summary>
public sealed class InvariantGlobalizationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task IntranetSample_InvariantGlobalization_ServesTheHomePageWithTheLauncher(bool predefinedCulturesOnly)
    {
        await using var sample = await SampleProcess.StartAsync("HelpWidget.Samples.Intranet", Token, predefinedCulturesOnly);

        using var response = await sample.Client.GetAsync("/", Token);
        var html = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"hw-launcher\"", html, StringComparison.Ordinal);
    }

    // With predefined cultures off, invariant mode creates any culture, but with the invariant culture's data.
    [Theory]
    [InlineData("en", true)]
    [InlineData("sv", true)]
    [InlineData("sv", false)]
    public async Task ServerSample_InvariantGlobalization_SearchesEachLanguage(string language, bool predefinedCulturesOnly)
    {
        await using var sample = await SampleProcess.StartAsync("HelpWidget.Samples.Server", Token, predefinedCulturesOnly);

        using var response = await sample.Client.GetAsync($"/helpwidget/api/search?q=password&lang={language}", Token);
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}\n{sample.Output}");
        using var home = await sample.Client.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        using var json = JsonDocument.Parse(body);
        var hits = json.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.Contains(hits, hit => hit.GetProperty("language").GetString() == language);
    }

    /// <summary>A sample's built app in a child process on a free 127.0.0.1 port, with its own SQLite file.</summary>
    private sealed class SampleProcess : IAsyncDisposable
    {
        private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(25);
        private readonly Process _process;
        private readonly SqliteTestFolder _folder;
        private readonly StringBuilder _output = new();

        private SampleProcess(Process process, SqliteTestFolder folder, Uri address)
        {
            _process = process;
            _folder = folder;
            Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        }

        public HttpClient Client { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static async Task<SampleProcess> StartAsync(string name, CancellationToken cancellationToken, bool predefinedCulturesOnly = true)
        {
            var project = Path.Combine(RepositoryRoot(), "samples", name);
            var dll = Path.Combine(project, "bin", Configuration(), "net10.0", name + ".dll");
            Assert.True(File.Exists(dll), $"The sample is not built: {dll}");

            var folder = new SqliteTestFolder("hw-invariant-");
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = project,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         dll, "--urls", $"http://127.0.0.1:{port}",
                         $"--HelpWidget:Sqlite:ConnectionString={folder.ConnectionString}",
                         "--HelpWidget:WatchForChanges=false",
                     })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
            start.Environment["LANG"] = "C.UTF-8";
            start.Environment.Remove("LC_ALL");
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = predefinedCulturesOnly ? "true" : "false";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment.Remove("DOTNET_ENVIRONMENT");

            var sample = new SampleProcess(new Process { StartInfo = start }, folder, new Uri($"http://127.0.0.1:{port}"));
            sample._process.OutputDataReceived += (_, line) => sample.Append(line.Data);
            sample._process.ErrorDataReceived += (_, line) => sample.Append(line.Data);
            sample._process.Start();
            sample._process.BeginOutputReadLine();
            sample._process.BeginErrorReadLine();
            try
            {
                await sample.WaitUntilAnsweringAsync(cancellationToken);
                return sample;
            }
            catch
            {
                await sample.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
            _folder.Dispose();
        }

        private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(cancellationToken);
                    Assert.Fail($"The sample exited with code {_process.ExitCode} before it answered:\n{Output}");
                }

                try
                {
                    using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, probe.Token);
                    using var response = await Client.GetAsync("/", linked.Token);
                    return;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    if (deadline.Elapsed > StartDeadline)
                    {
                        Assert.Fail($"The sample did not answer within {StartDeadline.TotalSeconds} s:\n{Output}");
                    }
                }

                // Not answering yet: ask again shortly, until the deadline above.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "HelpWidget.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException($"No HelpWidget.sln above {AppContext.BaseDirectory}.");
        }

        // tests/<project>/bin/<configuration>/<framework>/: the samples are built in the same configuration.
        private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
    }
}
