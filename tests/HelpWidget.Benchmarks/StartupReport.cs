using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpWidget.Benchmarks;

/// <summary>
/// Time to first page: from starting the app's process until <c>GET /</c> on 127.0.0.1 answers 200, for the plain
/// <c>dotnet new blazor</c> app and for the intranet sample over a generated knowledge base of 10,000 articles, in the
/// same run, the apps taking turns. For the sample, also when its log says the index was built.
/// </summary>
internal static partial class StartupReport
{
    public const int Articles = 10_000;

    /// <summary>An app that has not answered by then is reported as failed; it is never waited for longer.</summary>
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(90);

    /// <param name="output">Where the report goes.</param>
    /// <param name="runs">How often each app is started.</param>
    /// <param name="compare">The build output folder of another build of the sample (an earlier commit, say), measured in the same turns; <see langword="null"/> for none.</param>
    public static async Task<int> RunAsync(TextWriter output, int runs, string? compare = null)
    {
        var root = SyntheticCorpus.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("hw-startup-");
        try
        {
            var knowledgeBase = Path.Combine(work.FullName, "KnowledgeBase");
            WriteKnowledgeBase(knowledgeBase, SyntheticCorpus.Create(Articles, 0).Articles);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Articles} generated articles in {knowledgeBase}"));

            var plain = Path.Combine(work.FullName, "PlainApp");
            await DotnetAsync(work.FullName, "new", "blazor", "--output", plain, "--name", "PlainApp", "--no-https", "--interactivity", "Server");
            await DotnetAsync(plain, "build", "-c", "Release", "-nologo", "-v", "q");
            var sampleProject = Path.Combine(root, "samples", "HelpWidget.Samples.Intranet");
            await DotnetAsync(sampleProject, "build", "-c", "Release", "-nologo", "-v", "q");

            var apps = new (string Name, string Folder, string Dll, string[] Arguments)[]
            {
                ("plain dotnet new blazor", Output(plain), "PlainApp.dll", []),
                ("sample + HelpWidget, 10,000 articles", Output(sampleProject), "HelpWidget.Samples.Intranet.dll",
                [
                    $"--HelpWidget:ArticlesPath={knowledgeBase}",
                    $"--HelpWidget:Sqlite:ConnectionString=Data Source={Path.Combine(work.FullName, "helpwidget.db")}",
                ]),
            };
            if (compare is not null)
            {
                apps = [.. apps, ("sample + HelpWidget, other build", Path.GetFullPath(compare), apps[1].Dll, apps[1].Arguments)];
            }

            var firstPage = apps.ToDictionary(a => a.Name, _ => new List<double>());
            var indexed = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                foreach (var app in apps)
                {
                    var (page, index) = await MeasureAsync(app.Folder, app.Dll, app.Arguments);
                    firstPage[app.Name].Add(page);
                    if (index is { } ms && app.Folder == apps[1].Folder)
                    {
                        indexed.Add(ms);
                    }
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process start until GET / answers 200 on 127.0.0.1, {runs} runs each, apps taking turns ({Environment.ProcessorCount} cores):"));
            output.WriteLine($"{"app",-40} {"median ms",10} {"min ms",8} {"max ms",8}");
            foreach (var (name, times) in firstPage)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {Median(times),10:F0} {times.Min(),8:F0} {times.Max(),8:F0}"));
            }

            if (indexed.Count > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"  sample: until its log says 'Indexed'",-40} {Median(indexed),10:F0} {indexed.Min(),8:F0} {indexed.Max(),8:F0}"));
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Starts the app, polls <c>GET /</c> until it answers 200, and stops it.</summary>
    private static async Task<(double FirstPage, double? Indexed)> MeasureAsync(string folder, string dll, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var indexed = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            if (ListeningOn().Match(line) is { Success: true } match)
            {
                address.TrySetResult(match.Groups[1].Value);
            }
            else if (line.Contains("Indexed ", StringComparison.Ordinal))
            {
                indexed.TrySetResult(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var limit = new CancellationTokenSource(s_limit);
            var baseAddress = await address.Task.WaitAsync(limit.Token);
            using var client = new HttpClient { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(30) };
            while (true)
            {
                using var response = await client.GetAsync("/", limit.Token);
                if ((int)response.StatusCode == 200)
                {
                    var firstPage = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    double? index = null;
                    if (dll.StartsWith("HelpWidget", StringComparison.Ordinal))
                    {
                        index = await indexed.Task.WaitAsync(limit.Token);
                    }

                    return (firstPage, index);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, limit.Token);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task DotnetAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed in {folder}:\n{await stdout}\n{await stderr}");
        }
    }

    private static string Output(string project) => Path.Combine(project, "bin", "Release", "net10.0");

    /// <summary>Writes the articles as Markdown files in <c>en/</c> of <paramref name="folder"/>, as an editor would keep them.</summary>
    internal static void WriteKnowledgeBase(string folder, IReadOnlyList<HelpArticle> articles)
    {
        var english = Directory.CreateDirectory(Path.Combine(folder, "en")).FullName;
        foreach (var article in articles)
        {
            var text = new StringBuilder()
                .Append("---\nid: ").Append(article.Id)
                .Append("\ntitle: ").Append(Quoted(article.Title))
                .Append("\nsummary: ").Append(Quoted(article.Summary))
                .Append("\ncontext: [").Append(string.Join(", ", article.Contexts.Select(Quoted))).Append(']')
                .Append("\n---\n").Append(article.Text).Append('\n');
            File.WriteAllText(Path.Combine(english, article.Id + ".md"), text.ToString());
        }
    }

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static double Median(List<double> values)
    {
        var ordered = values.Order().ToList();
        return ordered.Count % 2 == 1 ? ordered[ordered.Count / 2] : (ordered[(ordered.Count / 2) - 1] + ordered[ordered.Count / 2]) / 2;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ListeningOn();
}
