using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HelpWidget.Http;

/// <summary>Uses a help server (an app that calls <c>MapHelpWidgetApi()</c>) for HelpWidget's knowledge, tickets, feedback and announcements.</summary>
public static class HelpServerHelpWidgetBuilderExtensions
{
    /// <summary>Uses the help server at <paramref name="address"/>, with the API at its default path and the default options.</summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="address">The help server's address, such as <c>https://help.example</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="address"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpServer(this IHelpWidgetBuilder builder, Uri address)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(address);
        return builder.AddHelpServer(options => options.Address = address);
    }

    /// <summary>
    /// Uses a help server: registers an <see cref="IKnowledgeProvider"/>, an <see cref="IHelpStore"/>, an
    /// <see cref="IAnnouncementSource"/> with <see cref="IAnnouncementDismissals"/>, an <see cref="IHelpEventSink"/> that
    /// sends insight events to the server's store (<c>POST events</c>), and an <see cref="IHelpConnectivity"/>
    /// that call the server's API through the <see cref="HelpServerOptions.HttpClientName"/> client, with the standard
    /// resilience handler tuned for a help panel (short attempts, a few retries with back-off, a circuit breaker).
    /// It also registers an <see cref="IHelpAreaCatalog"/> that asks the server (<c>GET areas</c>), in place of the engine's,
    /// which has no area definitions in a client. Any other service the app registered before this call is kept. The
    /// options are validated when the app starts.
    /// </summary>
    /// <param name="builder">The HelpWidget builder.</param>
    /// <param name="configure">Sets the options; <see cref="HelpServerOptions.Address"/> is required.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IHelpWidgetBuilder AddHelpServer(this IHelpWidgetBuilder builder, Action<HelpServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<HelpServerOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HelpServerOptions>, HelpServerOptionsValidator>());

        // A second call adds its configuration only: the client and its handlers exist once.
        if (services.Any(d => d.ServiceType == typeof(HelpServerClient)))
        {
            return builder;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HelpServerOptions.HttpClientName, (sp, client) =>
            {
                client.BaseAddress = ApiAddress(sp.GetRequiredService<IOptions<HelpServerOptions>>().Value);

                // The resilience handler times each attempt and the whole call; the client's own timeout would only cut them short.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            // The factory's request logs carry the address with the user's search text in its query; the client logs
            // its calls itself, by endpoint and status only (user text is never logged above Trace).
            .RemoveAllLoggers()
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) => Tune(resilience, sp.GetRequiredService<IOptions<HelpServerOptions>>().Value));

        services.AddSingleton<HelpServerClient>();
        services.TryAddSingleton<IKnowledgeProvider>(sp => new HelpServerKnowledgeProvider(sp.GetRequiredService<HelpServerClient>()));
        services.TryAddSingleton<IHelpStore>(sp => new HelpServerStore(sp.GetRequiredService<HelpServerClient>()));
        services.TryAddSingleton(sp => new HelpServerAnnouncements(sp.GetRequiredService<HelpServerClient>()));
        services.TryAddSingleton<IAnnouncementSource>(sp => sp.GetRequiredService<HelpServerAnnouncements>());
        services.TryAddSingleton<IAnnouncementDismissals>(sp => sp.GetRequiredService<HelpServerAnnouncements>());
        services.TryAddSingleton<IHelpConnectivity>(sp => sp.GetRequiredService<HelpServerClient>().Connectivity);

        // The server counts the areas for the caller (its own roll-out and audiences); it replaces the engine's catalog, which has no area definitions here.
        services.RemoveAll<IHelpAreaCatalog>();
        services.AddSingleton<IHelpAreaCatalog>(sp => new HelpServerAreaCatalog(sp.GetRequiredService<HelpServerClient>()));

        // Insight events go to the help server's store: the widget records them whenever a sink is registered.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpEventSink, HelpServerEventSink>(sp => new HelpServerEventSink(sp.GetRequiredService<HelpServerClient>())));
        return builder;
    }

    /// <summary>The address relative paths such as <c>search</c> resolve against: the server's address, then the API path.</summary>
    internal static Uri ApiAddress(HelpServerOptions options)
    {
        var address = options.Address ?? throw new OptionsValidationException(nameof(HelpServerOptions), typeof(HelpServerOptions), ["HelpWidget help server: Address is required."]);
        return new Uri(address.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + options.ApiPath.Trim('/') + "/", UriKind.Absolute);
    }

    private static void Tune(HttpStandardResilienceOptions resilience, HelpServerOptions options)
    {
        // A panel is better off saying help is offline than keeping a person waiting: short attempts, few retries.
        resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
        resilience.AttemptTimeout.TimeoutGenerator = args => new ValueTask<TimeSpan>(IsUpload(args.Context) ? options.UploadAttemptTimeout : options.AttemptTimeout);

        var backoff = TimeSpan.FromMilliseconds(300);

        // Polly accepts 1 retry at least; with MaxRetryAttempts 0 the predicate below retries nothing.
        resilience.Retry.MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 1);
        resilience.Retry.Delay = backoff;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;

        // A rate limit (429) is an answer, not a failure: it goes to the caller at once instead of waiting out its
        // Retry-After behind a spinner, and it never counts towards opening the circuit.
        resilience.Retry.ShouldRetryAfterHeader = false;

        // Tickets are retried too: the server stores one ticket per idempotency key, so a retry cannot make a second.
        // The connectivity probe is not retried: the probe loop has its own back-off.
        var retries = options.MaxRetryAttempts;
        resilience.Retry.ShouldHandle = args => new ValueTask<bool>(
            retries > 0 && !IsProbe(args.Context) && IsServerTrouble(args.Outcome));

        // Worst case: every attempt times out and every back-off is at its longest (jitter adds up to a quarter).
        var attempts = options.MaxRetryAttempts + 1;
        var waits = TimeSpan.FromTicks(Enumerable.Range(0, options.MaxRetryAttempts).Sum(i => backoff.Ticks * (1L << i)) * 5 / 4);
        resilience.TotalRequestTimeout.Timeout = (options.UploadAttemptTimeout * attempts) + waits + TimeSpan.FromSeconds(1);
        resilience.TotalRequestTimeout.TimeoutGenerator = args => new ValueTask<TimeSpan>(
            ((IsUpload(args.Context) ? options.UploadAttemptTimeout : options.AttemptTimeout) * attempts) + waits + TimeSpan.FromSeconds(1));

        // Stop calling a failing server for a while; calls fail at once and the panel shows help offline.
        var sampling = options.AttemptTimeout * 2 > TimeSpan.FromSeconds(30) ? options.AttemptTimeout * 2 : TimeSpan.FromSeconds(30);
        resilience.CircuitBreaker.SamplingDuration = sampling;
        resilience.CircuitBreaker.FailureRatio = 0.5;
        resilience.CircuitBreaker.MinimumThroughput = 4;
        resilience.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(5);
        resilience.CircuitBreaker.ShouldHandle = args => new ValueTask<bool>(IsServerTrouble(args.Outcome));
    }

    /// <summary>No answer, a timeout, or an answer saying the server is in trouble (5xx, 408); not a rate limit.</summary>
    private static bool IsServerTrouble(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome) && outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests;

    private static bool IsProbe(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(HelpServerClient.Probe, out var probe) == true && probe;

    private static bool IsUpload(ResilienceContext context) =>
        context.GetRequestMessage() is { Method: var method, Content: MultipartContent } && method == HttpMethod.Post;
}
