using Microsoft.Extensions.AI;

namespace HelpWidget.Embeddings.Onnx.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Generate_Paraphrase_IsCloserThanUnrelated()
    {
        using var generator = new OnnxEmbeddingGenerator();
        var vectors = await generator.GenerateAsync(["letters crossed out", "Strikethrough: draw a line through text", "Export the invoice as a PDF"], cancellationToken: TestContext.Current.CancellationToken);
        var a = vectors[0].Vector.Span; var b = vectors[1].Vector.Span; var c = vectors[2].Vector.Span;
        float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) { var s = 0f; for (var i = 0; i < x.Length; i++) s += x[i] * y[i]; return s; }
        Console.WriteLine($"{Dot(a, b)} {Dot(a, c)}");
        Assert.True(Dot(a, b) > Dot(a, c));
    }
}
