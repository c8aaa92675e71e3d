using System.Text;
using BenchmarkDotNet.Attributes;
using HelpWidget.Privacy;
using Microsoft.Extensions.Options;

namespace HelpWidget.Benchmarks;

/// <summary>The personal data scrubber on a ticket-sized text and on a megabyte built to slow matchers down.</summary>
[MemoryDiagnoser]
public class ScrubberBenchmarks
{
    private readonly PersonalDataScrubber _scrubber = new(Options.Create(new PersonalDataScrubberOptions { MaxTextLength = 2_000_000 }));
    private string _text = string.Empty;

    [Params("ticket-5k", "hostile-1M")]
    public string Text { get; set; } = "ticket-5k";

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder();
        if (Text == "ticket-5k")
        {
            while (text.Length < 5_000)
            {
                text.Append("The VPN client shows error 809 since 2024-05-12 (build 10.0.19045). Call me on 070-123 45 67 or mail anna.svensson@example.se; ")
                    .Append("my personnummer is 811218-9876 and the card 4111 1111 1111 1111 was charged twice. ");
            }
        }
        else
        {
            while (text.Length < 1_000_000)
            {
                text.Append("1 2-3 (4) 5\u200B6+7 ").Append('a', 40).Append("@@ 0x1234 ");
            }
        }

        _text = text.ToString();
    }

    [Benchmark]
    public int Scrub() => _scrubber.Scrub(_text).Length;
}
