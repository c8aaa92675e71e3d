using Microsoft.Extensions.AI;

namespace HelpWidget.Embeddings.Onnx.Tests;

[Collection(ModelsDefinition.Name)]
public sealed class OnnxEmbeddingGeneratorTests(ModelFixture models)
{
    private static readonly EmbeddingGenerationOptions s_query = new() { AdditionalProperties = new() { ["input_type"] = "query" } };
    private static readonly EmbeddingGenerationOptions s_document = new() { AdditionalProperties = new() { ["input_type"] = "document" } };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<OnnxEmbeddingModel> Models => [OnnxEmbeddingModel.ArcticXs, OnnxEmbeddingModel.MiniLM];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task GenerateAsync_ParaphraseSharingNoWord_IsCloserThanAnUnrelatedArticle(OnnxEmbeddingModel model)
    {
        var generator = Generator(model);
        var query = (await generator.GenerateAsync(["letters crossed out"], s_query, Token))[0];
        var articles = await generator.GenerateAsync(
            ["Strikethrough: draw a line through the selected text", "Export an invoice as a PDF file and send it by e-mail"], s_document, Token);

        var paraphrase = Cosine(query, articles[0]);
        var unrelated = Cosine(query, articles[1]);
        Assert.True(paraphrase > unrelated + 0.05, $"paraphrase {paraphrase:F3}, unrelated {unrelated:F3}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task GenerateAsync_AnyText_GivesUnitVectorsOf384Dimensions(OnnxEmbeddingModel model)
    {
        var embeddings = await Generator(model).GenerateAsync(["How do I reset my password?", "", "Ö"], cancellationToken: Token);

        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1.0, Cosine(e, e), 3);
            Assert.Equal(Generator(model).Metadata.DefaultModelId, e.ModelId);
        });
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task GenerateAsync_Batch_GivesTheVectorsOfSingleCalls(OnnxEmbeddingModel model)
    {
        // Texts of very different lengths in one batch are padded: padding must not change any vector.
        string[] texts = ["password", "How do I share my calendar with a colleague in another company?", "Mail merge", "Outlook keeps asking for my password after I changed it on the web; what do I do?"];
        var generator = Generator(model);
        var batch = await generator.GenerateAsync(texts, cancellationToken: Token);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = (await generator.GenerateAsync([texts[i]], cancellationToken: Token))[0];
            Assert.Equal(1.0, Cosine(single, batch[i]), 4);
        }
    }

    [Fact]
    public async Task GenerateAsync_QueryOnItsOwnThreads_GivesTheVectorOfTheArticlesSession()
    {
        // Queries run in a second session with two threads (the default); with one thread they share the articles' session.
        using var shared = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { QueryIntraOpThreads = 1 });
        string[] queries = ["letters crossed out", "How do I share my calendar with a colleague in another company?"];
        var ownThreads = await models.Arctic.GenerateAsync(queries, s_query, Token);
        var oneThread = await shared.GenerateAsync(queries, s_query, Token);
        for (var i = 0; i < queries.Length; i++)
        {
            Assert.Equal(1.0, Cosine(ownThreads[i], oneThread[i]), 4);
        }
    }

    [Fact]
    public void IsQuery_InputTypeAsStringOrJson_RecognisesOnlyQuery()
    {
        Assert.True(OnnxEmbeddingGenerator.IsQuery(s_query));
        Assert.True(OnnxEmbeddingGenerator.IsQuery(new() { AdditionalProperties = new() { ["input_type"] = System.Text.Json.JsonDocument.Parse("\"Query\"").RootElement } }));
        Assert.False(OnnxEmbeddingGenerator.IsQuery(s_document));
        Assert.False(OnnxEmbeddingGenerator.IsQuery(new() { AdditionalProperties = new() { ["input_type"] = null } }));
        Assert.False(OnnxEmbeddingGenerator.IsQuery(new() { AdditionalProperties = new() { ["other"] = "query" } }));
        Assert.False(OnnxEmbeddingGenerator.IsQuery(null));
    }

    [Fact]
    public void Batches_TextsOfMixedLengths_GroupsSimilarLengthsWithLittlePadding()
    {
        int[] lengths = [256, 12, 250, 14, 3, 256, 13, 240, 12, 256];
        var tokens = lengths.Select(n => Enumerable.Repeat(1, n).ToList()).ToList();

        var batches = OnnxEmbeddingGenerator.Batches(tokens, size: 3).ToList();

        Assert.Equal(lengths.Length, batches.Sum(b => b.Count));
        Assert.Equal(Enumerable.Range(0, lengths.Length), batches.SelectMany(b => b).Order());
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 3));
        Assert.All(batches, b => Assert.True(b.Count * b.Max(i => lengths[i]) * 10 <= b.Sum(i => lengths[i]) * 11, string.Join(",", b.Select(i => lengths[i]))));
        Assert.All(batches, b => Assert.True(b.Count == 1 || b.Count * b.Max(i => lengths[i]) <= 512));
        Assert.Equal([[4], [1, 8, 6], [3], [7, 2], [0, 5], [9]], batches.Select(b => b.ToArray()).ToArray());
    }

    [Fact]
    public void Tokenize_Query_StartsWithArcticsPrefixAndADocumentDoesNot()
    {
        var tokenizer = models.Arctic.Tokenizer;
        var query = tokenizer.Decode(models.Arctic.Tokenize("reset password", query: true));
        var document = tokenizer.Decode(models.Arctic.Tokenize("reset password", query: false));

        Assert.Equal(["[CLS]", "represent", "this", "sentence", "for", "searching", "relevant", "passages", ":", "reset", "password", "[SEP]"], query);
        Assert.Equal(["[CLS]", "reset", "password", "[SEP]"], document);
    }

    [Fact]
    public async Task GenerateAsync_ArcticQuery_DiffersFromTheSameTextAsADocument()
    {
        var asQuery = (await models.Arctic.GenerateAsync(["reset password"], s_query, Token))[0];
        var asDocument = (await models.Arctic.GenerateAsync(["reset password"], s_document, Token))[0];
        var withoutOptions = (await models.Arctic.GenerateAsync(["reset password"], cancellationToken: Token))[0];

        Assert.True(Cosine(asQuery, asDocument) < 0.99, "the query prefix was not applied");
        Assert.Equal(1.0, Cosine(asDocument, withoutOptions), 5);
        Assert.Equal(4, (await models.Arctic.GenerateAsync(["reset password"], s_document, Token)).Usage?.InputTokenCount);
        Assert.Equal(12, (await models.Arctic.GenerateAsync(["reset password"], s_query, Token)).Usage?.InputTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_MiniLMQuery_TakesNoPrefix()
    {
        var asQuery = (await models.MiniLM.GenerateAsync(["reset password"], s_query, Token))[0];
        var asDocument = (await models.MiniLM.GenerateAsync(["reset password"], s_document, Token))[0];

        Assert.Equal(1.0, Cosine(asQuery, asDocument), 5);
    }

    [Fact]
    public async Task GenerateAsync_HostileTexts_GiveVectorsFromAtMostTheCap()
    {
        string[] texts = [new string('x', 1024 * 1024), string.Concat(Enumerable.Repeat("word ", 200_000)), "\u0000\u0001\u001B[31m\uD800\u200B", "<script>alert(1)</script>", "' OR 1=1 --"];
        var embeddings = await models.Arctic.GenerateAsync(texts, cancellationToken: Token);

        Assert.Equal(texts.Length, embeddings.Count);
        Assert.All(embeddings, e => Assert.Equal(1.0, Cosine(e, e), 3));
        Assert.True(embeddings.Usage?.InputTokenCount <= 256 * texts.Length);
    }

    [Fact]
    public async Task GenerateAsync_CancelledBeforehand_ThrowsWithoutWork()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var call = models.Arctic.GenerateAsync(["reset password"], cancellationToken: cancellation.Token);

        Assert.True(call.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileTheModelRuns_Stops()
    {
        // 256 long texts take seconds on one thread; the model is stopped inside a batch, well before that.
        var texts = Enumerable.Range(0, 256).Select(i => string.Join(' ', Enumerable.Repeat($"article {i} explains how to reset a password", 40))).ToList();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(100));

        var call = models.Arctic.GenerateAsync(texts, cancellationToken: cancellation.Token);

        Assert.True(call.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(await models.Arctic.GenerateAsync(["still usable"], cancellationToken: Token));
    }

    [Fact]
    public async Task GenerateAsync_NullText_ThrowsNamingItsPosition()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => models.Arctic.GenerateAsync(["a", null!], cancellationToken: Token));
        Assert.Contains("position 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_OtherDimensions_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => models.Arctic.GenerateAsync(["a"], new EmbeddingGenerationOptions { Dimensions = 768 }, Token));
    }

    [Fact]
    public void GetService_Metadata_NamesProviderModelAndDimensions()
    {
        var metadata = models.Arctic.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("HelpWidget.Embeddings.Onnx", metadata.ProviderName);
        Assert.Equal("snowflake-arctic-embed-xs", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Equal("all-MiniLM-L6-v2", models.MiniLM.Metadata.DefaultModelId);
        Assert.Same(models.Arctic, models.Arctic.GetService<OnnxEmbeddingGenerator>());
    }

    [Fact]
    public void Metadata_OtherTokenCap_IsPartOfTheModelId()
    {
        using var generator = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { MaxTokens = 128 });

        Assert.Equal("snowflake-arctic-embed-xs;max-tokens=128", generator.Metadata.DefaultModelId);
        Assert.False(generator.IsLoaded);
    }

    [Fact]
    public async Task GenerateAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var generator = new OnnxEmbeddingGenerator();
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["a"], cancellationToken: Token));
        Assert.False(generator.IsLoaded);
    }

    private OnnxEmbeddingGenerator Generator(OnnxEmbeddingModel model) => model == OnnxEmbeddingModel.MiniLM ? models.MiniLM : models.Arctic;

    private static double Cosine(Embedding<float> a, Embedding<float> b)
    {
        var x = a.Vector.Span;
        var y = b.Vector.Span;
        var sum = 0d;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
