using BenchmarkDotNet.Running;
using HelpWidget.Benchmarks;

// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --latency     per-query p50/p99, allocation, index build, change until searchable at 10,000 articles
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --filter '*'  the same operations under BenchmarkDotNet
// dotnet run -c Release --project tests/HelpWidget.Benchmarks -- --filter '*Scrubber*' --job short  the personal data scrubber
if (args.Contains("--latency"))
{
    await LatencyReport.RunAsync(Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
