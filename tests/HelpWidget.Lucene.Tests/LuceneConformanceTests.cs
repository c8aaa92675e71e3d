using HelpWidget.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Lucene.Tests;

/// <summary>The embedded engine passes the knowledge provider conformance suite.</summary>
public sealed class LuceneConformanceTests : KnowledgeProviderConformanceTests
{
    protected override async Task<IKnowledgeProvider> CreateProviderAsync(IReadOnlyList<HelpArticle> articles)
    {
        var provider = new LuceneKnowledgeProvider(new TestArticleSource([.. articles]), NullLogger<LuceneKnowledgeProvider>.Instance);
        await provider.EnsureIndexAsync();
        return provider;
    }
}
