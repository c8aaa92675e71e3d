using HelpWidget.Insights;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using HelpWidget.Testing;

namespace HelpWidget.Tests.Insights;

/// <summary>The engine with a capturing sink, a fake clock and its background writer running, as an app has it.</summary>
internal sealed class InsightsHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HelpEventWriter _writer;

    private InsightsHost(ServiceProvider services, FakeTimeProvider time, CapturingHelpEventSink sink)
    {
        _services = services;
        _writer = services.GetRequiredService<HelpEventWriter>();
        Time = time;
        Sink = sink;
    }

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public CapturingHelpEventSink Sink { get; }

    public IServiceProvider Services => _services;

    public static async Task<InsightsHost> StartAsync(Action<IHelpWidgetBuilder>? configure = null, bool startWriter = true)
    {
        var time = new FakeTimeProvider(Start);
        var sink = new CapturingHelpEventSink();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(time);
        var builder = services.AddHelpWidget().AddHelpEventSink(sink);
        configure?.Invoke(builder);
        var host = new InsightsHost(services.BuildServiceProvider(validateScopes: true), time, sink);
        if (startWriter)
        {
            await host._writer.StartAsync(TestContext.Current.CancellationToken);
        }

        return host;
    }

    /// <summary>Starts a user's scope (a circuit) and gives its session.</summary>
    public (IServiceScope Scope, HelpSession Session) NewUser(HelpUser? user = null)
    {
        var scope = _services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<HelpSession>();
        session.User = user;
        return (scope, session);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}
