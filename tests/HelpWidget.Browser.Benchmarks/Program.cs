namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/HelpWidget.Browser.Benchmarks</c>: starts the sample intranet on Kestrel at
/// 127.0.0.1, types realistic questions into the help panel in Chromium one key at a time and prints the time from each
/// key event to the results that answer the text typed so far. With <c>-- --webassembly</c>, the same in the WebAssembly
/// sample, whose widget runs in the browser and searches through the help server sample over HTTP. With
/// <c>-- --embed [opens=20]</c>, the time from the first click to the visible panel on the static demo page, which embeds
/// the widget with one script tag, over cold opens; with <c>-- --embed-weight</c>, what that tag loads before the first
/// click and at the first open (<c>.ci/embed-weight.sh</c>).
/// (Not named Program: that is the sample's entry point.)
/// </summary>
internal static class Benchmark
{
    public static Task<int> Main(string[] args) => args switch
    {
        [] => KeystrokeBenchmark.RunAsync(Console.Out, webAssembly: false),
        ["--webassembly"] => KeystrokeBenchmark.RunAsync(Console.Out, webAssembly: true),
        ["--embed"] => EmbedBenchmark.RunOpensAsync(Console.Out, 20),
        ["--embed", var opens] when int.TryParse(opens, out var count) && count > 0 => EmbedBenchmark.RunOpensAsync(Console.Out, count),
        ["--embed-weight"] => EmbedBenchmark.RunWeightAsync(Console.Out),
        _ => Usage(),
    };

    private static async Task<int> Usage()
    {
        await Console.Error.WriteLineAsync("Usage: dotnet run -c Release --project tests/HelpWidget.Browser.Benchmarks [-- --webassembly | --embed [opens] | --embed-weight]");
        return 2;
    }
}
