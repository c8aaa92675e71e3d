using HelpWidget.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tests.Insights;

/// <summary>Where no host runs hosted services (a browser's WebAssembly host), the writer is started by the first help session.</summary>
public sealed class UnhostedWriterTests
{
    [Fact]
    public async Task StartUnhosted_WritesWhatIsRecorded_AndStartsOnceHoweverOftenItIsCalled()
    {
        await using var host = await InsightsHost.StartAsync(startWriter: false);
        var writer = host.Services.GetRequiredService<HelpEventWriter>();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.RecordOpened();
            writer.StartUnhosted();
            writer.StartUnhosted();
            session.RecordContactStarted();
        }

        var events = await host.Sink.WaitForAsync(e => e.Count == 2);

        Assert.Equal([HelpEventKind.SessionStarted, HelpEventKind.ContactStarted], events.Select(e => e.Kind));
    }

    [Fact]
    public async Task WithoutStarting_NothingIsWritten_TheBufferHoldsIt()
    {
        await using var host = await InsightsHost.StartAsync(startWriter: false);
        var recorder = host.Services.GetRequiredService<HelpEventRecorder>();
        var (scope, session) = host.NewUser();
        using (scope)
        {
            session.RecordOpened();
        }

        Assert.True(recorder.Reader.TryPeek(out var pending));
        Assert.Equal(HelpEventKind.SessionStarted, pending.Kind);
        Assert.Empty(host.Sink.Events);
    }
}
