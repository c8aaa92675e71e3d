using HelpWidget.Markdown;
using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Lucene.Tests;

/// <summary>An app's own knowledge provider replaces Lucene's, whichever of the two registrations comes first.</summary>
public sealed class KnowledgeProviderRegistrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddKnowledgeProvider_WithAddLuceneSearchInEitherOrder_ResolvesTheAppsProvider(bool luceneFirst)
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddHelpWidget().AddMarkdownContent();
        if (luceneFirst)
        {
            builder.AddLuceneSearch().AddKnowledgeProvider<FixedProvider>();
        }
        else
        {
            builder.AddKnowledgeProvider<FixedProvider>().AddLuceneSearch();
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var knowledge = Assert.IsType<FixedProvider>(Assert.Single(provider.GetServices<IKnowledgeProvider>()));
        var results = await knowledge.SearchAsync(new SearchRequest { Query = "anything" }, Token);
        Assert.Equal("from-the-app", Assert.Single(results.Hits).Id);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddKnowledgeProvider_FactoryWithAddLuceneSearchInEitherOrder_ResolvesTheFactorysProvider(bool luceneFirst)
    {
        var created = new FixedProvider();
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddHelpWidget().AddMarkdownContent();
        if (luceneFirst)
        {
            builder.AddLuceneSearch().AddKnowledgeProvider(_ => created);
        }
        else
        {
            builder.AddKnowledgeProvider(_ => created).AddLuceneSearch();
        }

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(created, Assert.Single(provider.GetServices<IKnowledgeProvider>()));
    }

    private sealed class FixedProvider : IKnowledgeProvider
    {
        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new SearchResults { Hits = [new ArticleHit { Id = "from-the-app", Language = "en", Title = "From the app", Summary = string.Empty, SnippetHtml = string.Empty, Score = 1 }] });

        public Task<SearchResults> SuggestAsync(SearchRequest request, CancellationToken cancellationToken = default) => Task.FromResult(SearchResults.Empty);

        public Task<HelpArticle?> GetArticleAsync(ArticleRequest request, CancellationToken cancellationToken = default) => Task.FromResult<HelpArticle?>(null);

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
    }
}
