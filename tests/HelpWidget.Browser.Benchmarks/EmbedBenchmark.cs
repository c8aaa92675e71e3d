using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// The one-tag embed on a plain page of another origin (the static demo page under a strict Content-Security-Policy):
/// how long the panel takes to show after the first click on a cold page (<see cref="RunOpensAsync"/>), and how much
/// the tag loads before the first click and at the first open (<see cref="RunWeightAsync"/>).
/// </summary>
internal static class EmbedBenchmark
{
    private const int TimeoutMs = 10_000;
    private const double TargetOpenMs = 1000;
    private const double TargetBeforeClickKb = 8;
    private const double TargetFirstOpenKb = 100;

    // The network counts as settled once nothing has been requested or answered for this long.
    private static readonly TimeSpan s_quiet = TimeSpan.FromMilliseconds(500);

    private static readonly string[] s_chromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>
    /// Opens the panel <paramref name="count"/> times, each in a new browser context (nothing cached, no circuit), after
    /// one open that is not counted (the server's first circuit compiles the code it runs), and reports p50 and p95 of
    /// the time from the click to the visible panel.
    /// </summary>
    public static async Task<int> RunOpensAsync(TextWriter output, int count)
    {
        return await WithBrowserAsync(output, async (hosts, browser) =>
        {
            var probe = Resource("EmbedProbe.js");
            var first = await OpenOnceAsync(browser, hosts.BaseUrl, probe);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"first open after the server started (not counted): {first:0} ms"));
            var times = new List<double>();
            var timeouts = 0;
            for (var i = 0; i < count; i++)
            {
                var milliseconds = await OpenOnceAsync(browser, hosts.BaseUrl, probe);
                if (milliseconds < 0)
                {
                    timeouts++;
                    await output.WriteLineAsync($"  open {i + 1}: the panel did not show within {TimeoutMs} ms");
                }
                else
                {
                    times.Add(milliseconds);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  open {i + 1}: {milliseconds:0} ms"));
                }
            }

            var sorted = times.Order().ToArray();
            var (p50, p95) = (Percentile(sorted, 0.50), Percentile(sorted, 0.95));
            var max = sorted.Length == 0 ? 0 : sorted[^1];
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"cold opens: {sorted.Length} measured, {timeouts} timed out; p50 {p50:0} ms   p95 {p95:0} ms   max {max:0} ms"));
            await output.WriteLineAsync(timeouts == 0 && p95 <= TargetOpenMs ? $"target p95 <= {TargetOpenMs} ms: met" : $"target p95 <= {TargetOpenMs} ms: missed");
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                benchmark = "embed-cold-open",
                opens = count,
                count = sorted.Length,
                timeouts,
                first_ms = Math.Round(first, 1),
                p50_ms = Math.Round(p50, 1),
                p95_ms = Math.Round(p95, 1),
                max_ms = Math.Round(max, 1),
            }));
            return timeouts == 0 ? 0 : 1;
        });
    }

    /// <summary>
    /// Loads the demo page in a new browser context and records every response and WebSocket frame: those until the
    /// launcher shows and the network settles (before the first click), and those from the click until the panel is
    /// visible (the first open), then until the network settles again. The page itself and files of the page's own
    /// origin are the host's and not counted. Each response body is compressed here with gzip at its smallest-size
    /// level (as <c>gzip -9</c>), whatever encoding the server chose, so that the figures compare with
    /// <c>.ci/weight.sh</c>; WebSocket frames count as sent (SignalR does not compress them).
    /// </summary>
    public static async Task<int> RunWeightAsync(TextWriter output)
    {
        return await WithBrowserAsync(output, async (hosts, browser) =>
        {
            var context = await browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
            var page = await context.NewPageAsync();
            var traffic = new Traffic(page, hosts.BaseUrl);
            var probe = Resource("EmbedProbe.js");

            await page.GotoAsync(hosts.BaseUrl + "/");
            var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
            await Assertions.Expect(launcher).ToBeVisibleAsync(new() { Timeout = TimeoutMs });
            await traffic.SettledAsync();
            var before = traffic.Take();

            var timer = await page.EvaluateHandleAsync(probe);
            await launcher.ClickAsync();
            double milliseconds;
            try
            {
                milliseconds = await timer.EvaluateAsync<double>("probe => probe.result()").WaitAsync(TimeSpan.FromMilliseconds(TimeoutMs));
            }
            catch (TimeoutException)
            {
                milliseconds = -1;
            }

            var open = traffic.Take();
            await traffic.SettledAsync();
            var after = traffic.Take();
            await context.CloseAsync();

            Print(output, "before the first click", before);
            Print(output, milliseconds < 0 ? $"after the click (the panel did not show within {TimeoutMs} ms)" : $"from the click to the visible panel ({milliseconds:0} ms)", open);
            Print(output, "after the panel showed, until the network settled", after);

            var beforeKb = Kb(before.Sum(e => e.Weight));
            var openKb = Kb(open.Sum(e => e.Weight));
            var openAllKb = Kb(open.Concat(after).Sum(e => e.Weight));
            var framework = before.Where(e => e.Url.Contains("/_framework/", StringComparison.Ordinal) || e.Url.Contains("/_blazor", StringComparison.Ordinal)).ToList();
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"before the first click: {beforeKb:0.0} KB gzip in {before.Count} responses (target <= {TargetBeforeClickKb} KB: {(beforeKb <= TargetBeforeClickKb ? "met" : "missed")}){(framework.Count > 0 ? $"; {framework.Count} of them Blazor's, which must wait for the first use" : string.Empty)}"));
            await output.WriteLineAsync(milliseconds < 0
                ? $"at the first open: the panel did not show within {TimeoutMs} ms"
                : string.Create(CultureInfo.InvariantCulture,
                    $"at the first open: {openKb:0.0} KB gzip more until the panel was visible, {openAllKb:0.0} KB until the network settled (target <= {TargetFirstOpenKb} KB: {(openAllKb <= TargetFirstOpenKb ? "met" : "missed")})"));
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                benchmark = "embed-weight",
                before_click_kb = Math.Round(beforeKb, 1),
                first_open_to_visible_kb = Math.Round(openKb, 1),
                first_open_settled_kb = Math.Round(openAllKb, 1),
                open_ms = Math.Round(milliseconds, 1),
            }));
            return framework.Count == 0 && milliseconds >= 0 ? 0 : 1;
        });
    }

    private static async Task<int> WithBrowserAsync(TextWriter output, Func<SampleHosts, IBrowser, Task<int>> run)
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
        var data = Directory.CreateTempSubdirectory("hw-embed-");
        try
        {
            await using var hosts = await SampleHosts.StartEmbedAsync(data);
            await output.WriteLineAsync($"Demo page at {hosts.BaseUrl}, help server at {hosts.HelpServerOrigin}");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = s_chromiumArguments });
            return await run(hosts, browser);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    /// <summary>One cold open: a new context loads the page, the launcher is clicked once it shows; -1 when the panel does not show in time.</summary>
    private static async Task<double> OpenOnceAsync(IBrowser browser, string pageUrl, string probe)
    {
        var context = await browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 860 } });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(pageUrl + "/");
            var launcher = page.GetByRole(AriaRole.Button, new() { Name = "Help", Exact = true });
            await Assertions.Expect(launcher).ToBeEnabledAsync(new() { Timeout = TimeoutMs });
            var timer = await page.EvaluateHandleAsync(probe);
            await launcher.ClickAsync();
            try
            {
                return await timer.EvaluateAsync<double>("probe => probe.result()").WaitAsync(TimeSpan.FromMilliseconds(TimeoutMs));
            }
            catch (TimeoutException)
            {
                return -1;
            }
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static void Print(TextWriter output, string title, IReadOnlyList<Entry> entries)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {Kb(entries.Sum(e => e.Weight)):0.0} KB gzip"));
        foreach (var entry in entries)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Kb(entry.Weight),7:0.0} KB  {entry.Url}  ({entry.Detail})"));
        }
    }

    private static double Kb(long bytes) => bytes / 1024.0;

    /// <summary>The nearest-rank percentile: the smallest value with at least this share of the values at or below it.</summary>
    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Resource(string name)
    {
        using var stream = typeof(EmbedBenchmark).Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>What one response or WebSocket frame weighs; <see cref="Weight"/> is what counts against the budget.</summary>
    private sealed record Entry(string Url, long Weight, string Detail);

    /// <summary>Records the page's traffic by phase, leaving out the host page's own responses.</summary>
    private sealed class Traffic
    {
        private readonly Lock _lock = new();
        private readonly List<Task<Entry?>> _pending = [];
        private readonly string _pageOrigin;
        private int _inFlight;
        private DateTime _lastActivity = DateTime.UtcNow;

        public Traffic(IPage page, string pageOrigin)
        {
            _pageOrigin = pageOrigin;
            page.Request += (_, _) => Touch(+1);
            page.RequestFailed += (_, _) => Touch(-1);
            page.RequestFinished += (_, request) =>
            {
                lock (_lock)
                {
                    _pending.Add(MeasureAsync(request));
                }

                Touch(-1);
            };
            page.WebSocket += (_, socket) =>
            {
                socket.FrameReceived += (_, frame) => AddFrame(socket.Url, "received", frame);
                socket.FrameSent += (_, frame) => AddFrame(socket.Url, "sent", frame);
            };
        }

        /// <summary>Takes what was recorded since the last call.</summary>
        public List<Entry> Take()
        {
            Task<Entry?>[] pending;
            lock (_lock)
            {
                pending = [.. _pending];
                _pending.Clear();
            }

            Task.WaitAll(pending);
            return [.. pending.Select(t => t.Result).OfType<Entry>()];
        }

        /// <summary>Waits until no request has been in flight for a quiet period.</summary>
        public async Task SettledAsync()
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(TimeoutMs);
            while (true)
            {
                bool settled;
                lock (_lock)
                {
                    settled = _inFlight <= 0 && DateTime.UtcNow - _lastActivity >= s_quiet;
                }

                if (settled)
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"The page's network did not settle within {TimeoutMs} ms.");
                }

                await Task.Delay(50);
            }
        }

        private void Touch(int change)
        {
            lock (_lock)
            {
                _inFlight += change;
                _lastActivity = DateTime.UtcNow;
            }
        }

        private void AddFrame(string url, string direction, IWebSocketFrame frame)
        {
            var bytes = frame.Binary?.Length ?? Encoding.UTF8.GetByteCount(frame.Text ?? string.Empty);
            lock (_lock)
            {
                _lastActivity = DateTime.UtcNow;
                _pending.Add(Task.FromResult<Entry?>(new Entry(url, bytes, $"WebSocket frame {direction}, {bytes} B as sent")));
            }
        }

        private async Task<Entry?> MeasureAsync(IRequest request)
        {
            if (request.IsNavigationRequest || request.Url.StartsWith(_pageOrigin + "/", StringComparison.Ordinal))
            {
                return null;
            }

            var response = await request.ResponseAsync();
            byte[] body;
            try
            {
                body = response is null ? [] : await response.BodyAsync();
            }
            catch (PlaywrightException)
            {
                // A redirect or an answer without a body.
                body = [];
            }

            var sizes = await request.SizesAsync();
            var gzip = GzipLength(body);
            var encoding = response?.Headers.GetValueOrDefault("content-encoding") ?? "none";
            return new Entry(request.Url, gzip, $"HTTP {response?.Status}, {body.Length} B, {sizes.ResponseBodySize} B on the wire ({encoding})");
        }

        private static long GzipLength(byte[] body)
        {
            if (body.Length == 0)
            {
                return 0;
            }

            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                gzip.Write(body);
            }

            return buffer.Length;
        }
    }
}
