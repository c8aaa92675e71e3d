using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// Keystroke-to-results latency of the help panel. Each key is pressed by Playwright in Chromium; a probe in the page
/// (<c>KeystrokeProbe.js</c>) takes the key event's time stamp and stops the clock when a change of the panel leaves
/// it showing the results the engine gives for the text typed so far (computed beforehand, in-process, with the same
/// request the panel sends). The next key is pressed once the results are shown, so keystrokes do not overlap.
/// </summary>
internal static partial class KeystrokeBenchmark
{
    /// <summary>The request the panel sends: the sample's home page, an anonymous user, English (the browser's en-GB).</summary>
    private const string Route = "/";
    private const string Language = "en";
    internal const int TimeoutMs = 5000;
    private const double TargetP95Ms = 100;

    internal static readonly string[] s_chromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <param name="output">Where the report goes.</param>
    /// <param name="webAssembly">
    /// <see langword="true"/> to type into the WebAssembly sample, whose widget runs in the browser and asks the help server
    /// sample over HTTP; <see langword="false"/> for the intranet sample (Blazor Server, the engine in-process).
    /// </param>
    public static async Task<int> RunAsync(TextWriter output, bool webAssembly)
    {
        var chromium = Environment.GetEnvironmentVariable("HW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            await output.WriteLineAsync($"Chromium was not found at '{chromium}': install Debian's 'chromium' package or set HW_CHROMIUM.");
            return 2;
        }

        // WebApplicationFactory finds the sample's folder through MvcTestingAppManifest.json in the current directory,
        // which 'dotnet run --project' leaves at the caller's.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var data = Directory.CreateTempSubdirectory("hw-keystrokes-");
        try
        {
            await using var hosts = webAssembly ? await SampleHosts.StartWebAssemblyAsync(data) : await SampleHosts.StartIntranetAsync(data);
            var (baseUrl, engine) = (hosts.BaseUrl, hosts.Engine);
            await output.WriteLineAsync($"Sample at {baseUrl}; working out the expected results of every prefix of {Queries.All.Length} queries…");
            var expected = await ExpectedResultsAsync(engine, [.. Queries.WarmUp, .. Queries.All]);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = s_chromiumArguments });
            var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(Route);
            var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
            // WebAssembly downloads and starts its runtime first.
            await Assertions.Expect(launcher).ToBeEnabledAsync(new() { Timeout = 60_000 });
            await launcher.ClickAsync();
            var searchBox = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });
            await Assertions.Expect(searchBox).ToBeFocusedAsync();
            var probe = await page.EvaluateHandleAsync(Probe(), ".hw-panel");

            var warmUp = new Run();
            foreach (var query in Queries.WarmUp)
            {
                await TypeAsync(page, searchBox, probe, query, expected, warmUp);
            }

            var run = new Run();
            foreach (var query in Queries.All)
            {
                await TypeAsync(page, searchBox, probe, query, expected, run);
            }

            Report(output, run, webAssembly ? "webassembly" : "server");

            // The widget's events reach the engine's store: in-process, or from the browser through POST events.
            await page.CloseAsync();
            if (engine.GetServices<IHelpEventSink>().OfType<CountingSink>().SingleOrDefault() is { } stored)
            {
                await Task.WhenAny(stored.First, Task.Delay(TimeSpan.FromSeconds(15)));
                await output.WriteLineAsync($"{"insight events stored",-40}{stored.Count}");
            }
            return run.Timeouts == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    /// <summary>Types a query key by key into an empty box, timing each key that changes what the results show.</summary>
    internal static async Task TypeAsync(IPage page, ILocator searchBox, IJSHandle probe, string query, Dictionary<string, string> expected, Run run)
    {
        await searchBox.FillAsync(string.Empty);
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Suggested for this page" })).ToBeVisibleAsync();

        var shown = string.Empty;
        for (var length = 1; length <= query.Length; length++)
        {
            var text = query[..length];
            var key = query[length - 1].ToString();
            run.Keystrokes++;
            if (expected[text] == shown)
            {
                // The results already answer this text (a space, or a letter that changes no result): nothing to see.
                run.Unchanged++;
                await page.Keyboard.PressAsync(key);
                continue;
            }

            await probe.EvaluateAsync("(probe, args) => probe.arm(args[0], args[1], args[2])", new object[] { text, expected[text], TimeoutMs });
            await page.Keyboard.PressAsync(key);
            var milliseconds = await probe.EvaluateAsync<double>("probe => probe.result()");
            if (milliseconds < 0)
            {
                run.Timeouts++;
                await Console.Out.WriteLineAsync($"  no matching results within {TimeoutMs} ms after typing '{text}'");
            }
            else
            {
                run.Milliseconds.Add(milliseconds);
            }

            shown = expected[text];
        }
    }

    /// <summary>
    /// What the panel must show for each prefix of each query, as the probe reads it: each hit's id and text, or, when
    /// nothing matches, "none" and the query. Worked out before the typing starts, so that it takes no time from it.
    /// </summary>
    internal static async Task<Dictionary<string, string>> ExpectedResultsAsync(IServiceProvider services, IEnumerable<string> queries)
    {
        var knowledge = services.GetRequiredService<IKnowledgeProvider>();
        var maxResults = services.GetRequiredService<IOptions<HelpWidgetOptions>>().Value.MaxResults;
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in queries.SelectMany(q => Enumerable.Range(1, q.Length).Select(length => q[..length])))
        {
            if (expected.ContainsKey(text))
            {
                continue;
            }

            var results = await knowledge.SearchAsync(new SearchRequest
            {
                Query = text,
                // What a keystroke gets: with meaning-aware search on, its ranking follows only for the settled query.
                AsYouType = true,
                User = HelpUser.Anonymous,
                Language = Language,
                Context = new HelpContext { Route = Route },
                MaxResults = maxResults,
            });
            expected[text] = results.Hits.Count == 0
                ? "none\u241f" + text
                : string.Join('\u241e', results.Hits.Select(hit => hit.Id + '\u241f' + Normalise(hit.SnippetHtml.Length > 0 ? WebUtility.HtmlDecode(TagPattern().Replace(hit.SnippetHtml, string.Empty)) : hit.Summary)));
        }

        return expected;
    }

    private static void Report(TextWriter output, Run run, string sample)
    {
        var sorted = run.Milliseconds.Order().ToArray();
        var p50 = Percentile(sorted, 0.50);
        var p95 = Percentile(sorted, 0.95);
        var max = sorted.Length == 0 ? 0 : sorted[^1];
        var mean = sorted.Length == 0 ? 0 : sorted.Average();
        output.WriteLine();
        output.WriteLine($"{"queries typed",-40}{Queries.All.Length}");
        output.WriteLine($"{"keystrokes",-40}{run.Keystrokes}");
        output.WriteLine($"{"measured: keystrokes changing results",-40}{sorted.Length}");
        output.WriteLine($"{"not measured: results already right",-40}{run.Unchanged}");
        output.WriteLine($"{$"timed out after {TimeoutMs} ms",-40}{run.Timeouts}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"p50 {p50:0.0} ms   p95 {p95:0.0} ms   max {max:0.0} ms   mean {mean:0.0} ms"));
        output.WriteLine(p95 <= TargetP95Ms ? $"target p95 <= {TargetP95Ms} ms: met" : $"target p95 <= {TargetP95Ms} ms: missed");
        output.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "keystroke-to-results",
            sample,
            queries = Queries.All.Length,
            keystrokes = run.Keystrokes,
            count = sorted.Length,
            unchanged = run.Unchanged,
            timeouts = run.Timeouts,
            p50_ms = Math.Round(p50, 1),
            p95_ms = Math.Round(p95, 1),
            max_ms = Math.Round(max, 1),
            mean_ms = Math.Round(mean, 1),
        }));
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least this share of the values at or below it.</summary>
    internal static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Normalise(string text) => WhitespacePattern().Replace(text, " ").Trim();

    internal static string Probe()
    {
        using var stream = typeof(KeystrokeBenchmark).Assembly.GetManifestResourceStream("KeystrokeProbe.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    internal sealed class Run
    {
        public List<double> Milliseconds { get; } = [];

        public int Keystrokes { get; set; }

        public int Unchanged { get; set; }

        public int Timeouts { get; set; }
    }
}
