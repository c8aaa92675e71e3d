using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HelpWidget.Rollout;

/// <summary>
/// Registers the roll-out, and puts its <see cref="RolloutKnowledgeProvider"/> around whatever knowledge provider the app
/// adds through the HelpWidget builder (<c>AddLuceneSearch()</c>, <c>AddHelpServer()</c>, <c>AddKnowledgeProvider()</c>),
/// before or after <c>AddHelpWidget()</c>: every consumer of <see cref="IKnowledgeProvider"/> (the panel, the API, the
/// areas catalog) then sees the live areas only.
/// </summary>
internal static class RolloutRegistration
{
    public static void Register(IServiceCollection services)
    {
        services.AddOptions<HelpRolloutOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpRolloutOptions>, HelpRolloutOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HelpRolloutOptions>, RolloutConfiguration>(
            sp => new RolloutConfiguration(sp.GetService<IConfiguration>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<HelpRolloutOptions>, RolloutConfiguration>(
            sp => new RolloutConfiguration(sp.GetService<IConfiguration>())));
        services.TryAddSingleton<HelpRollout>();
        services.TryAddSingleton<IHelpRollout>(sp => sp.GetRequiredService<HelpRollout>());

        for (var i = 0; i < services.Count; i++)
        {
            services[i] = Decorated(services[i]);
        }
    }

    /// <summary>The collection a HelpWidget builder hands to backends: it decorates each knowledge provider as it is added.</summary>
    public static IServiceCollection Decorating(IServiceCollection services) =>
        services is DecoratingServiceCollection ? services : new DecoratingServiceCollection(services);

    internal static ServiceDescriptor Decorated(ServiceDescriptor descriptor)
    {
        // An instance the app registered itself is used as it is, the same object it holds (AddKnowledgeProvider(_ => instance) wraps it).
        if (descriptor.ServiceType != typeof(IKnowledgeProvider) || descriptor.IsKeyedService ||
            descriptor.ImplementationInstance is not null || descriptor.ImplementationFactory?.Target is Decoration)
        {
            return descriptor;
        }

        return ServiceDescriptor.Describe(typeof(IKnowledgeProvider), new Decoration(descriptor).Create, descriptor.Lifetime);
    }

    private sealed class Decoration(ServiceDescriptor inner)
    {
        public object Create(IServiceProvider services)
        {
            var provider = inner.ImplementationFactory?.Invoke(services) ?? ActivatorUtilities.CreateInstance(services, inner.ImplementationType!);

            // Without a roll-out configured when the provider is first needed there is nothing to leave out: the app's
            // provider is used as it is. Once configured, every later change of the section applies without a restart.
            return Configured(services)
                ? new RolloutKnowledgeProvider((IKnowledgeProvider)provider, services.GetRequiredService<HelpRollout>())
                : provider;
        }

        private static bool Configured(IServiceProvider services) =>
            services.GetService<IConfiguration>()?.GetSection(HelpRolloutOptions.SectionName).Exists() == true ||
            services.GetServices<IConfigureOptions<HelpRolloutOptions>>().Any(configure => configure is not RolloutConfiguration) ||
            services.GetServices<IPostConfigureOptions<HelpRolloutOptions>>().Any();
    }

    private sealed class DecoratingServiceCollection(IServiceCollection services) : IServiceCollection
    {
        public int Count => services.Count;

        public bool IsReadOnly => services.IsReadOnly;

        public ServiceDescriptor this[int index]
        {
            get => services[index];
            set => services[index] = Decorated(value);
        }

        public void Add(ServiceDescriptor item) => services.Add(Decorated(item));

        public void Insert(int index, ServiceDescriptor item) => services.Insert(index, Decorated(item));

        public void Clear() => services.Clear();

        public bool Contains(ServiceDescriptor item) => services.Contains(item);

        public void CopyTo(ServiceDescriptor[] array, int arrayIndex) => services.CopyTo(array, arrayIndex);

        public IEnumerator<ServiceDescriptor> GetEnumerator() => services.GetEnumerator();

        public int IndexOf(ServiceDescriptor item) => services.IndexOf(item);

        public bool Remove(ServiceDescriptor item) => services.Remove(item);

        public void RemoveAt(int index) => services.RemoveAt(index);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
