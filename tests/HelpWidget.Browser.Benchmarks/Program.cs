namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/HelpWidget.Browser.Benchmarks</c>: starts the sample intranet on Kestrel at
/// 127.0.0.1, types realistic questions into the help panel in Chromium one key at a time and prints the time from each
/// key event to the results that answer the text typed so far. With <c>-- --webassembly</c>, the same in the WebAssembly
/// sample, whose widget runs in the browser and searches through the help server sample over HTTP. With
/// <c>-- --embed [opens=20]</c>, the time from the first click to the visible panel on the static demo page, which embeds
/// the widget with one script tag, over cold opens; with <c>-- --embed-weight</c>, what that tag loads before the first
/// click and at the first open (<c>.ci/embed-weight.sh</c>). With <c>-- --compare Key=a,b [--rounds n]</c>, the keystroke
/// benchmark on two intranet samples at once that differ in one setting (e.g. <c>HelpWidget:Insights:Enabled=true,false</c>),
/// typed into in turn. With <c>-- --memory [Key=a,b]</c>, the sample's working set started as a process each way
/// (default <c>HelpWidget:SemanticSearch=true,false</c>), after a warm-up and when its /health says search is ready.
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
        ["--compare", var spec] => Compare(spec, "2"),
        ["--compare", var spec, "--rounds", var rounds] => Compare(spec, rounds),
        ["--memory"] => Memory("HelpWidget:SemanticSearch=true,false"),
        ["--memory", var spec] => Memory(spec),
        _ => Usage(),
    };

    /// <summary><c>--compare Key=a,b [--rounds n]</c>: the keystroke benchmark on two intranet samples that differ in one setting.</summary>
    private static Task<int> Compare(string spec, string rounds)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var values = equals > 0 ? spec[(equals + 1)..].Split(',') : [];
        return values.Length == 2 && values.All(v => v.Length > 0) && int.TryParse(rounds, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= 20
            ? CompareBenchmark.RunAsync(Console.Out, spec[..equals], values[0], values[1], count)
            : Usage();
    }

    /// <summary><c>--memory Key=a,b</c>: the sample's working set with one setting each way.</summary>
    private static Task<int> Memory(string spec)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var values = equals > 0 ? spec[(equals + 1)..].Split(',') : [];
        return values.Length == 2 && values.All(v => v.Length > 0 && !v.Any(char.IsControl))
            ? MemoryBenchmark.RunAsync(Console.Out, spec[..equals], values)
            : Usage();
    }

    private static async Task<int> Usage()
    {
        await Console.Error.WriteLineAsync("Usage: dotnet run -c Release --project tests/HelpWidget.Browser.Benchmarks [-- --webassembly | --embed [opens] | --embed-weight | --compare <ConfigKey>=<a>,<b> [--rounds 1-20] | --memory [<ConfigKey>=<a>,<b>]]");
        return 2;
    }
}
