using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// <c>-- --compare Key=a,b</c>: the keystroke benchmark against two intranet samples that differ in one setting (such as
/// <c>HelpWidget:Insights:Enabled=true,false</c>, recording on and off), both running at once on 127.0.0.1 and typed into
/// by one Chromium, query by query in turn (the order swapped every query), the same queries for both, so that load
/// from other processes falls on both alike. Prints p50 and p95 of each and their ratios, and the insight events each
/// sample stored (so a run that is meant to record shows that it did).
/// </summary>
internal static class CompareBenchmark
{
    public static async Task<int> RunAsync(TextWriter output, string key, string first, string second, int rounds)
    {
        var chromium = Environment.GetEnvironmentVariable("HW_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            await output.WriteLineAsync($"Chromium was not found at '{chromium}': install Debian's 'chromium' package or set HW_CHROMIUM.");
            return 2;
        }

        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var sides = new[] { new Side(key, first), new Side(key, second) };
        try
        {
            foreach (var side in sides)
            {
                side.Hosts = await SampleHosts.StartIntranetAsync(side.Data, new Dictionary<string, string> { [key] = side.Value });
            }

            // Search must be ready on both sides (with meaning-aware search on, the articles' vectors computed), or one
            // side would be measured while its vectors are computed beside it.
            foreach (var side in sides)
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                var health = await SearchReadiness.WaitUntilHealthyAsync(side.Hosts!.Engine, TimeSpan.FromMinutes(30));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{key}={side.Value}: search ready after {waited.Elapsed.TotalSeconds:0.0} s ({health})"));
            }

            await output.WriteLineAsync($"{key}={first} at {sides[0].Hosts!.BaseUrl}, {key}={second} at {sides[1].Hosts!.BaseUrl}; working out the expected results…");
            foreach (var side in sides)
            {
                side.Expected = await KeystrokeBenchmark.ExpectedResultsAsync(side.Hosts!.Engine, [.. Queries.WarmUp, .. Queries.All]);
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = KeystrokeBenchmark.s_chromiumArguments });
            foreach (var side in sides)
            {
                await side.OpenAsync(browser);
                foreach (var query in Queries.WarmUp)
                {
                    await KeystrokeBenchmark.TypeAsync(side.Page!, side.SearchBox!, side.Probe!, query, side.Expected!, new KeystrokeBenchmark.Run());
                }
            }

            var turn = 0;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var query in Queries.All)
                {
                    foreach (var side in turn++ % 2 == 0 ? sides : sides.Reverse())
                    {
                        await KeystrokeBenchmark.TypeAsync(side.Page!, side.SearchBox!, side.Probe!, query, side.Expected!, side.Run);
                    }
                }
            }

            foreach (var side in sides)
            {
                // Closing the page ends its circuit, which records the search it held; the writer then stores it.
                await side.Page!.CloseAsync();
                side.StoredEvents = await StoredEventsAsync(side);
            }

            Report(output, key, sides, rounds);
            return sides.Sum(s => s.Run.Timeouts) == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var side in sides)
            {
                if (side.Hosts is not null)
                {
                    await side.Hosts.DisposeAsync();
                }
            }

            SqliteConnection.ClearAllPools();
            foreach (var side in sides)
            {
                side.Data.Delete(recursive: true);
            }
        }
    }

    /// <summary>
    /// Counts the insight events a sample stored: its writer hands each batch to the counting sink after the store.
    /// Waits (at most 15 s) for the first batch, which never comes when the sample does not record.
    /// </summary>
    private static async Task<long> StoredEventsAsync(Side side)
    {
        var sink = side.Hosts!.Engine.GetServices<IHelpEventSink>().OfType<CountingSink>().Single();
        try
        {
            await sink.First.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // Nothing recorded.
        }

        return sink.Count;
    }

    private static void Report(TextWriter output, string key, Side[] sides, int rounds)
    {
        output.WriteLine();
        var figures = sides.Select(side =>
        {
            var sorted = side.Run.Milliseconds.Order().ToArray();
            return (side, sorted, p50: KeystrokeBenchmark.Percentile(sorted, 0.50), p95: KeystrokeBenchmark.Percentile(sorted, 0.95), mean: sorted.Length == 0 ? 0 : sorted.Average());
        }).ToArray();
        foreach (var (side, sorted, p50, p95, mean) in figures)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{key}={side.Value,-8} measured {sorted.Length,4}  timeouts {side.Run.Timeouts}  p50 {p50:0.0} ms  p95 {p95:0.0} ms  mean {mean:0.0} ms  insight events stored {side.StoredEvents}"));
        }

        var p50Ratio = figures[1].p50 == 0 ? 0 : figures[0].p50 / figures[1].p50;
        var p95Ratio = figures[1].p95 == 0 ? 0 : figures[0].p95 / figures[1].p95;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {sides[0].Value}/{sides[1].Value}: p50 {p50Ratio:0.000}  p95 {p95Ratio:0.000}"));
        output.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "keystroke-to-results-compare",
            key,
            rounds,
            queries = Queries.All.Length,
            sides = figures.Select(f => new
            {
                value = f.side.Value,
                count = f.sorted.Length,
                timeouts = f.side.Run.Timeouts,
                p50_ms = Math.Round(f.p50, 1),
                p95_ms = Math.Round(f.p95, 1),
                mean_ms = Math.Round(f.mean, 1),
                stored_events = f.side.StoredEvents,
            }),
            p50_ratio = Math.Round(p50Ratio, 3),
            p95_ratio = Math.Round(p95Ratio, 3),
        }));
    }

    /// <summary>One of the two samples: its setting, its store, its page and what was measured on it.</summary>
    private sealed class Side(string key, string value)
    {
        public string Value { get; } = value;

        public DirectoryInfo Data { get; } = Directory.CreateTempSubdirectory("hw-compare-");

        public SampleHosts? Hosts { get; set; }

        public Dictionary<string, string>? Expected { get; set; }

        public IPage? Page { get; private set; }

        public ILocator? SearchBox { get; private set; }

        public IJSHandle? Probe { get; private set; }

        public KeystrokeBenchmark.Run Run { get; } = new();

        public long StoredEvents { get; set; }

        public override string ToString() => $"{key}={Value}";

        public async Task OpenAsync(IBrowser browser)
        {
            var context = await browser.NewContextAsync(new() { BaseURL = Hosts!.BaseUrl, Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
            Page = await context.NewPageAsync();
            await Page.GotoAsync("/");
            var launcher = Page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
            await Assertions.Expect(launcher).ToBeEnabledAsync(new() { Timeout = 60_000 });
            await launcher.ClickAsync();
            SearchBox = Page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });
            await Assertions.Expect(SearchBox).ToBeFocusedAsync();
            Probe = await Page.EvaluateHandleAsync(KeystrokeBenchmark.Probe(), ".hw-panel");
        }
    }
}

/// <summary>A sink beside the sample's store that counts what its writer stored, so the report can say whether it recorded.</summary>
internal sealed class CountingSink : IHelpEventSink
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;

    public string Name => "benchmark-count";

    public long Count => Interlocked.Read(ref _count);

    public Task First => _first.Task;

    public Task WriteAsync(IReadOnlyList<HelpEvent> events, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _count, events.Count);
        _first.TrySetResult();
        return Task.CompletedTask;
    }
}
