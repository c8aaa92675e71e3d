using Microsoft.Extensions.AI;

namespace HelpWidget.Lucene.Semantic;

/// <summary>The embedding generator registered for each language, if any: a keyed service whose key is the language code.</summary>
internal sealed class EmbeddingGenerators(Func<string, IEmbeddingGenerator<string, Embedding<float>>?> resolve)
{
    /// <summary>Gets the generators of an app that registered none: search is word matching alone.</summary>
    public static EmbeddingGenerators None { get; } = new(_ => null);

    public IEmbeddingGenerator<string, Embedding<float>>? For(string language) => resolve(language);

    /// <summary>The generators registered in a service provider, as keyed singletons.</summary>
    public static EmbeddingGenerators From(IServiceProvider services) =>
        new(language => services is Microsoft.Extensions.DependencyInjection.IKeyedServiceProvider keyed
            ? keyed.GetKeyedService(typeof(IEmbeddingGenerator<string, Embedding<float>>), language) as IEmbeddingGenerator<string, Embedding<float>>
            : null);
}
