using HelpWidget.Testing;

namespace HelpWidget.Lucene.Tests;

/// <summary>The embedded engine with its meaning-aware layer on (vectors ready) passes the knowledge provider conformance suite.</summary>
public sealed class HybridConformanceTests : KnowledgeProviderConformanceTests
{
    protected override async Task<IKnowledgeProvider> CreateProviderAsync(IReadOnlyList<HelpArticle> articles)
    {
        var provider = SemanticSearchTests.Create(new TestArticleSource([.. articles]), new TestEmbeddingGenerator());
        await provider.EnsureIndexAsync();
        await provider.WaitForVectorsAsync("en");
        return provider;
    }
}
