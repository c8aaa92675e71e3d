using HelpWidget.Testing;

namespace HelpWidget.Http.Tests;

/// <summary>One help server over the conformance suite's articles, shared by the suite's tests.</summary>
public sealed class ConformanceServerFixture : IAsyncLifetime
{
    public TestHelpServer Server { get; private set; } = default!;

    public async ValueTask InitializeAsync() =>
        Server = await TestHelpServer.StartAsync(KnowledgeProviderConformanceTests.Articles, cancellationToken: TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>
/// The remote provider passes the knowledge provider conformance suite against a real help server (Lucene behind
/// <c>MapHelpWidgetApi()</c> on Kestrel), signed in as each request's user through the credentials hook.
/// </summary>
public sealed class HelpServerConformanceTests(ConformanceServerFixture fixture) : KnowledgeProviderConformanceTests, IClassFixture<ConformanceServerFixture>
{
    private TestClient? _client;

    protected override Task<IKnowledgeProvider> CreateProviderAsync(IReadOnlyList<HelpArticle> articles)
    {
        Assert.Same(Articles, articles);
        _client = new TestClient(fixture.Server.Address);
        return Task.FromResult(_client.Provider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
