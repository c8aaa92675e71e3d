using Microsoft.Extensions.Logging;

namespace HelpWidget.Embeddings.Onnx.Tests;

/// <summary>Disposal while a call runs (the host stopping during a search): the call finishes, later calls are refused.</summary>
/// <remarks>In the models' collection, so that its own model never loads beside the shared ones (memory in CI).</remarks>
[Collection(ModelsDefinition.Name)]
public sealed class OnnxEmbeddingGeneratorLifetimeTests
{
    [Fact]
    public async Task Dispose_WhileACallRuns_LetsItFinishAndRefusesTheNext()
    {
        using var logger = new PausingLogger();
        var generator = new OnnxEmbeddingGenerator(logger: logger);

        // The call is held inside the generator, right after the model loaded, while the generator is disposed.
        var call = Task.Run(() => generator.GenerateAsync(["reset my password"], cancellationToken: TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        Assert.True(logger.Loaded.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "The model did not load.");
        generator.Dispose();
        logger.Resume.Set();

        var embeddings = await call;
        Assert.Equal(384, embeddings[0].Vector.Length);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["again"], cancellationToken: TestContext.Current.CancellationToken));
        generator.Dispose();
    }

    /// <summary>Signals the model load (event 1) and holds the loading call until it is told to resume.</summary>
    private sealed class PausingLogger : ILogger<OnnxEmbeddingGenerator>, IDisposable
    {
        public ManualResetEventSlim Loaded { get; } = new();

        public ManualResetEventSlim Resume { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 1)
            {
                Loaded.Set();
                Resume.Wait(TimeSpan.FromSeconds(30));
            }
        }

        public void Dispose()
        {
            Loaded.Dispose();
            Resume.Dispose();
        }
    }
}
