namespace HelpWidget.Embeddings.Onnx.Tests;

/// <summary>One generator per model for every test of the collection: each model loads once (about a second each).</summary>
public sealed class ModelFixture : IDisposable
{
    public OnnxEmbeddingGenerator Arctic { get; } = new();

    public OnnxEmbeddingGenerator MiniLM { get; } = new(new OnnxEmbeddingOptions { Model = OnnxEmbeddingModel.MiniLM });

    public void Dispose()
    {
        Arctic.Dispose();
        MiniLM.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ModelsDefinition : ICollectionFixture<ModelFixture>
{
    public const string Name = "Models";
}
