using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpWidget.Http.Tests;

/// <summary>What a user types is never logged above Trace, and the package carries nothing that cannot run in a browser.</summary>
public sealed class PrivacyAndPortabilityTests(ConformanceServerFixture fixture) : IClassFixture<ConformanceServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_UsersTextAndPage_AreNeverLoggedAboveTrace()
    {
        var logs = new CapturingLogs();
        var failFirst = new FailFirstAttempt();
        await using var client = new TestClient(fixture.Server.Address, services: s =>
        {
            s.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));

            // Retries log through the resilience pipeline's telemetry too.
            s.AddHttpClient(HelpServerOptions.HttpClientName).AddHttpMessageHandler(() => failFirst);
        });
        client.SignIn.User = TestData.Owner;

        await client.Provider.SearchAsync(new SearchRequest { Query = "secretphrase4711 password", Context = new HelpContext { Route = "/private-route-0815" } }, Token);
        await client.Provider.SuggestAsync(new SearchRequest { Context = new HelpContext { Route = "/private-route-0815", Keys = ["privatekey0815"] } }, Token);
        await client.Store.SaveFeedbackAsync(new ArticleFeedback { ArticleId = "vpn-connect", Language = "en", Helpful = false, Comment = "secretcomment4711", Query = "secretphrase4711", CreatedAt = DateTimeOffset.UnixEpoch }, Token);

        var above = logs.Entries.Where(e => e.Level > LogLevel.Trace).ToList();
        Assert.Contains(above, e => e.Text.Contains("OnRetry", StringComparison.Ordinal));
        Assert.All(above, e =>
        {
            Assert.DoesNotContain("secretphrase4711", e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("secretcomment4711", e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("private-route-0815", e.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("privatekey0815", e.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Assembly_References_NeitherTheEngineNorAspNetCoreNorSockets()
    {
        var references = typeof(HelpServerOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("HelpWidget.Abstractions", references);
        Assert.DoesNotContain("HelpWidget", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain("System.Net.Sockets", references);
        Assert.DoesNotContain("System.Net.Security", references);
    }

    private sealed class FailFirstAttempt : DelegatingHandler
    {
        private int _attempts;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _attempts) == 1
                ? throw new HttpRequestException("The connection was reset.")
                : base.SendAsync(request, cancellationToken);
    }

    private sealed class CapturingLogs : ILoggerProvider
    {
        private readonly List<(LogLevel Level, string Text)> _entries = [];

        public IReadOnlyList<(LogLevel Level, string Text)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                lock (owner._entries)
                {
                    owner._entries.Add((logLevel, $"{category}: {formatter(state, exception)} {values} {exception}"));
                }
            }
        }
    }
}
