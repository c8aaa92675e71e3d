using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpWidget;

/// <summary>Adds a knowledge provider of the app's own to HelpWidget.</summary>
public static class KnowledgeProviderHelpWidgetBuilderExtensions
{
    /// <summary>
    /// Uses <typeparamref name="TProvider"/> as the knowledge provider that searches and serves the articles, instead of
    /// any provider registered before or after this call (such as the one <c>AddLuceneSearch()</c> adds); the last
    /// <c>AddKnowledgeProvider</c> call wins.
    /// </summary>
    /// <typeparam name="TProvider">The provider, created once by the service provider (its constructor's parameters are resolved as services).</typeparam>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Providers added by a backend package use <c>TryAdd</c>, so a backend added after this call leaves this provider in place.
    /// A backend's other services stay registered: <c>AddLuceneSearch()</c> still builds its index when the app starts,
    /// so leave it out when this provider does not use it.
    /// </remarks>
    public static IHelpWidgetBuilder AddKnowledgeProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>(this IHelpWidgetBuilder builder)
        where TProvider : class, IKnowledgeProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Use(builder, ServiceDescriptor.Singleton<IKnowledgeProvider, TProvider>());
    }

    /// <summary>
    /// Uses the provider that <paramref name="factory"/> creates as the knowledge provider that searches and serves the
    /// articles, instead of any provider registered before or after this call (such as the one <c>AddLuceneSearch()</c> adds);
    /// the last <c>AddKnowledgeProvider</c> call wins.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="factory">Creates the provider, once, from the app's services; the service provider disposes it when it is <see cref="IDisposable"/>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="factory"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Providers added by a backend package use <c>TryAdd</c>, so a backend added after this call leaves this provider in place.
    /// A backend's other services stay registered: <c>AddLuceneSearch()</c> still builds its index when the app starts,
    /// so leave it out when this provider does not use it.
    /// </remarks>
    public static IHelpWidgetBuilder AddKnowledgeProvider(this IHelpWidgetBuilder builder, Func<IServiceProvider, IKnowledgeProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        return Use(builder, ServiceDescriptor.Singleton(factory));
    }

    private static IHelpWidgetBuilder Use(IHelpWidgetBuilder builder, ServiceDescriptor provider)
    {
        // Removing every earlier registration (not Replace, which removes only the first) keeps one provider whatever was added before.
        builder.Services.RemoveAll<IKnowledgeProvider>();
        builder.Services.Add(provider);
        return builder;
    }
}
