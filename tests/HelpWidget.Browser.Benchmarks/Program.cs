namespace HelpWidget.Browser.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/HelpWidget.Browser.Benchmarks</c>: starts the sample intranet on Kestrel at
/// 127.0.0.1, types realistic questions into the help panel in Chromium one key at a time and prints the time from each
/// key event to the results that answer the text typed so far. (Not named Program: that is the sample's entry point.)
/// </summary>
internal static class Benchmark
{
    public static Task<int> Main() => KeystrokeBenchmark.RunAsync(Console.Out);
}
