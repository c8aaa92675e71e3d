using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HelpWidget.Embeddings.Onnx.Tests;

public sealed class OnnxEmbeddingOptionsTests
{
    public static TheoryData<Action<OnnxEmbeddingOptions>, string> InvalidOptions => new()
    {
        { o => o.IntraOpThreads = 0, "IntraOpThreads 0" },
        { o => o.IntraOpThreads = 65, "IntraOpThreads 65" },
        { o => o.QueryIntraOpThreads = 0, "QueryIntraOpThreads 0" },
        { o => o.QueryIntraOpThreads = 65, "QueryIntraOpThreads 65" },
        { o => o.InterOpThreads = -1, "InterOpThreads -1" },
        { o => o.MaxTokens = 4, "MaxTokens 4" },
        { o => o.MaxTokens = 600, "MaxTokens 600" },
        { o => o.MaxBatchSize = 0, "MaxBatchSize 0" },
        { o => o.Model = (OnnxEmbeddingModel)7, "Model 7" },
        { o => o.QueryPrefix = "query:\u0000 ", "QueryPrefix" },
        { o => o.QueryPrefix = new string('q', 201), "QueryPrefix" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Constructor_InvalidOptions_ThrowsNamingTheValue(Action<OnnxEmbeddingOptions> change, string expected)
    {
        var options = new OnnxEmbeddingOptions();
        change(options);

        var error = Assert.Throws<OptionsValidationException>(() => new OnnxEmbeddingGenerator(options));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task AddOnnxEmbeddings_InvalidOptions_FailsWhenTheAppStarts(Action<OnnxEmbeddingOptions> change, string expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        new TestBuilder(builder.Services).AddOnnxEmbeddings("en", change);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = new OnnxEmbeddingOptions();

        Assert.Equal(OnnxEmbeddingModel.ArcticXs, options.Model);
        Assert.Equal(256, options.MaxTokens);
        Assert.Equal(1, options.IntraOpThreads);
        Assert.Equal(2, options.QueryIntraOpThreads);
        Assert.Equal(1, options.InterOpThreads);
        Assert.Equal(16, options.MaxBatchSize);
        Assert.Null(options.QueryPrefix);
    }

    [Fact]
    public void AddOnnxEmbeddings_Language_RegistersAKeyedGeneratorThatLoadsOnFirstUse()
    {
        var services = new ServiceCollection();
        new TestBuilder(services).AddOnnxEmbeddings("en", o => o.IntraOpThreads = 2);
        using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("en");
        Assert.IsType<OnnxEmbeddingGenerator>(generator);
        Assert.False(((OnnxEmbeddingGenerator)generator).IsLoaded);
        Assert.Same(generator, provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("en"));
        Assert.Null(provider.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("sv"));
        Assert.Equal(2, provider.GetRequiredService<IOptionsMonitor<OnnxEmbeddingOptions>>().Get("en").IntraOpThreads);
    }

    [Fact]
    public void AddOnnxEmbeddings_AppRegisteredItsOwnGenerator_KeepsTheAppsOne()
    {
        var services = new ServiceCollection();
        using var own = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MaxTokens = 64 });
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>("en", own);
        new TestBuilder(services).AddOnnxEmbeddings();
        using var provider = services.BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("en"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("en\u0000")]
    [InlineData("../en")]
    [InlineData("en us")]
    [InlineData("<script>")]
    public void AddOnnxEmbeddings_NotALanguageCode_Throws(string language)
    {
        var error = Assert.Throws<ArgumentException>(() => new TestBuilder(new ServiceCollection()).AddOnnxEmbeddings(language));
        Assert.Equal("language", error.ParamName);
        Assert.DoesNotContain('\u0000', error.Message);
    }

    private sealed class TestBuilder(IServiceCollection services) : IHelpWidgetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
