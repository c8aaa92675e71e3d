using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpWidget.Embeddings.Onnx;

/// <summary>Adds the local embedding model to HelpWidget's search.</summary>
public static class OnnxEmbeddingsHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Registers an <see cref="OnnxEmbeddingGenerator"/> as the embedding generator of one language: a keyed singleton
    /// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> of <see cref="string"/> and <see cref="Embedding{T}"/> whose
    /// key is <paramref name="language"/>, which the search uses for that language's meaning-aware ranking. The model is
    /// loaded on first use. A generator the app registered first for the same key wins.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="language">The language code the widget uses for the articles (such as <c>en</c>); the models are English. The default is <c>en</c>.</param>
    /// <param name="configure">Sets the model, the token cap and the threads; the options (named after the language) are validated when the app starts.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="language"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="language"/> is not a language code (letters, digits and hyphens, at most 35 characters).</exception>
    public static IHelpWidgetBuilder AddOnnxEmbeddings(this IHelpWidgetBuilder builder, string language = "en", Action<OnnxEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(language);
        if (language.Length is 0 or > 35 || !language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"'{Printable(language)}' is not a language code such as 'en' or 'en-GB'.", nameof(language));
        }

        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxEmbeddingOptions>, OnnxEmbeddingOptionsValidator>());
        var options = services.AddOptions<OnnxEmbeddingOptions>(language).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            language,
            (provider, _) => new OnnxEmbeddingGenerator(
                provider.GetRequiredService<IOptionsMonitor<OnnxEmbeddingOptions>>().Get(language),
                provider.GetService<ILogger<OnnxEmbeddingGenerator>>(),
                provider.GetService<TimeProvider>()));
        return builder;
    }

    private static string Printable(string text) =>
        new(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
