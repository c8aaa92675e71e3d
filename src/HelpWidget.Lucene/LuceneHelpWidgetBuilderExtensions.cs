using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using HelpWidget.Lucene.Semantic;

namespace HelpWidget.Lucene;

/// <summary>Adds the embedded Lucene.Net search engine to HelpWidget.</summary>
public static class LuceneHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Uses the embedded Lucene.Net engine as the knowledge provider. It indexes the articles of the registered
    /// <see cref="IArticleSource"/> in memory, in the background once the app has started: the app answers at once, and
    /// searches made before the index is ready wait for it (<see cref="LuceneSearchOptions.IndexWaitTimeout"/>).
    /// The engine brings no articles: register a source too, before or after this call, such as the Markdown files of
    /// <c>AddMarkdownContent()</c> (package <c>HelpWidget.Markdown</c>); without one the app fails when it starts, and
    /// says so. The options are validated when the app starts.
    /// <para>
    /// A language whose embedding generator is registered as a keyed service, keyed by the language code
    /// (<c>services.AddKeyedSingleton&lt;IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;&gt;("en", ...)</c>, which
    /// <c>AddOnnxEmbeddings()</c> of the package <c>HelpWidget.Embeddings.Onnx</c> does), is also ranked by meaning
    /// once its articles' vectors are computed in the background (<see cref="SemanticSearchOptions"/>); without one,
    /// search is word matching alone.
    /// </para>
    /// <para>
    /// Whether the index and the vectors are ready is reported by <see cref="LuceneSearchHealthCheck"/>, registered here
    /// as a service: <c>services.AddHealthChecks().AddCheck&lt;LuceneSearchHealthCheck&gt;("search")</c>.
    /// </para>
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddLuceneSearch(this IHelpWidgetBuilder builder, Action<LuceneSearchOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<LuceneSearchOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LuceneSearchOptions>, LuceneSearchOptionsValidator>());
        builder.Services.AddOptions<SemanticSearchOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SemanticSearchOptions>, SemanticSearchOptionsValidator>());
        builder.Services.TryAddSingleton(EmbeddingGenerators.From);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // A factory, so that an app without an article source learns what to add, wherever the engine is first resolved.
        builder.Services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<LuceneKnowledgeProvider>(
            sp, sp.GetService<IArticleSource>() ?? throw new InvalidOperationException(LuceneSearchOptionsValidator.NoArticleSource)));
        builder.Services.TryAddSingleton<IKnowledgeProvider>(sp => sp.GetRequiredService<LuceneKnowledgeProvider>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LuceneIndexWarmup>());
        builder.Services.TryAddSingleton(sp => new LuceneSearchHealthCheck(sp.GetRequiredService<LuceneKnowledgeProvider>()));
        return builder;
    }
}
