using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tests;

public sealed class KnowledgeProviderHelpWidgetBuilderExtensionsTests
{
    [Fact]
    public void AddKnowledgeProvider_CalledTwice_TheLastProviderIsTheOneResolved()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddHelpWidget().AddKnowledgeProvider<FirstProvider>().AddKnowledgeProvider(_ => new SecondProvider());

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<SecondProvider>(Assert.Single(provider.GetServices<IKnowledgeProvider>()));
    }

    [Fact]
    public void AddKnowledgeProvider_ProviderRegisteredDirectlyBefore_IsReplaced()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IKnowledgeProvider, FirstProvider>();
        services.AddSingleton<IKnowledgeProvider, FirstProvider>();
        services.AddHelpWidget().AddKnowledgeProvider<SecondProvider>();

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.IsType<SecondProvider>(Assert.Single(provider.GetServices<IKnowledgeProvider>()));
        Assert.Same(provider.GetRequiredService<IKnowledgeProvider>(), provider.GetRequiredService<IKnowledgeProvider>());
    }

    [Fact]
    public void AddKnowledgeProvider_NullArguments_Throw()
    {
        var builder = new ServiceCollection().AddHelpWidget();

        Assert.Throws<ArgumentNullException>("builder", () => KnowledgeProviderHelpWidgetBuilderExtensions.AddKnowledgeProvider<FirstProvider>(null!));
        Assert.Throws<ArgumentNullException>("builder", () => KnowledgeProviderHelpWidgetBuilderExtensions.AddKnowledgeProvider(null!, _ => new FirstProvider()));
        Assert.Throws<ArgumentNullException>("factory", () => builder.AddKnowledgeProvider(null!));
    }

    private class FirstProvider : IKnowledgeProvider
    {
        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromResult(SearchResults.Empty);

        public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromResult(SearchResults.Empty);

        public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) => Task.FromResult<HelpArticle?>(null);

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
    }

    private sealed class SecondProvider : FirstProvider;
}
