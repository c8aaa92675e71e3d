using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Lucene.Tests;

/// <summary>How an app switches the meaning-aware layer on: a generator keyed by the language, options checked at start.</summary>
public sealed class SemanticRegistrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddLuceneSearch_KeyedGenerator_RanksThatLanguageByMeaning()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IArticleSource>(new TestArticleSource(SemanticSearchTests.Articles));
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>("en", new TestEmbeddingGenerator());
        services.AddHelpWidget().AddLuceneSearch();
        services.Configure<SemanticSearchOptions>(options => (options.VectorCachePath, options.MinSimilarity) = (null, 0.2));
        await using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<LuceneKnowledgeProvider>();

        await engine.WaitForVectorsAsync("en", Token);
        var results = await provider.GetRequiredService<IKnowledgeProvider>().SearchAsync(new SearchRequest { Query = SemanticSearchTests.Paraphrase }, Token);

        Assert.Equal("strikethrough", results.Hits[0].Id);
        Assert.Null(engine.Semantic.For("sv"));
    }

    [Theory]
    [InlineData("Weight", 1.5)]
    [InlineData("MinSimilarity", -2)]
    [InlineData("QueryTimeout", 0)]
    [InlineData("QueryCacheSize", -1)]
    [InlineData("MaxParallelism", 0)]
    public void Options_OutOfRange_FailAtStartWithAMessageNamingTheOption(string option, double value)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IArticleSource>(new TestArticleSource());
        services.AddHelpWidget().AddLuceneSearch();
        services.Configure<SemanticSearchOptions>(options =>
        {
            switch (option)
            {
                case "Weight": options.Weight = value; break;
                case "MinSimilarity": options.MinSimilarity = value; break;
                case "QueryTimeout": options.QueryTimeout = TimeSpan.FromMilliseconds(value); break;
                case "QueryCacheSize": options.QueryCacheSize = (int)value; break;
                default: options.MaxParallelism = (int)value; break;
            }
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SemanticSearchOptions>>().Value);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_VectorCachePathWithInvalidCharacters_FailsAtStart()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IArticleSource>(new TestArticleSource());
        services.AddHelpWidget().AddLuceneSearch();
        services.Configure<SemanticSearchOptions>(options => options.VectorCachePath = "vectors\0");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SemanticSearchOptions>>().Value);
        Assert.Contains("VectorCachePath", error.Message, StringComparison.Ordinal);
    }
}
