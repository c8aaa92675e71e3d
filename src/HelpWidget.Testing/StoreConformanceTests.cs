using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HelpWidget.Testing;

/// <summary>
/// What the store suites share: a store is registered as an app registers it (through <see cref="IHelpWidgetBuilder"/>),
/// on a clock the tests move, and started as one or more instances of an app that share the same data.
/// </summary>
/// <remarks>
/// <para>
/// A store's test class overrides <see cref="AddStoreAsync"/>. Each test gets a new instance of the test class, so a
/// store that keeps its data in a database gives each test an empty database (or schema) there, and every call within
/// one test reaches the same one, as instances of an app that share a database do.
/// </para>
/// <para>
/// Each instance is a service provider of its own holding the test's <see cref="FakeTimeProvider"/> as
/// <see cref="TimeProvider"/>, a <see cref="RecordingTicketSink"/> (as <see cref="ITicketSink"/>) for each sink name, a
/// logger that discards, and what <see cref="AddStoreAsync"/> registers. Hosted services it registers are started, and
/// stopped when the test ends, as a host would. Every instance is disposed when the test ends.
/// </para>
/// </remarks>
public abstract class StoreConformanceTests : IAsyncLifetime
{
    private readonly List<(ServiceProvider Services, IHostedService[] Hosted)> _instances = [];

    /// <summary>Gets when every test starts: Monday 23 November 2026, 09:00 UTC.</summary>
    protected static DateTimeOffset Start { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the clock of every instance of the store, at <see cref="Start"/> until a test moves it.</summary>
    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Gets the token that the test runner cancels when a test is aborted.</summary>
    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// Registers the store under test, as an app does (for example <c>builder.AddSqliteStore(...)</c>). Called once for
    /// each instance a test starts; every call within one test must reach the same data, empty when the test starts.
    /// </summary>
    /// <param name="builder">The instance's builder; its services already hold the test's clock and sinks.</param>
    /// <returns>A task that completes when the store is registered (a database for the test may be created here).</returns>
    protected abstract Task AddStoreAsync(IHelpWidgetBuilder builder);

    /// <summary>Starts an instance of the store, sharing its data with the instances the test started before.</summary>
    /// <param name="sinkNames">The names of the ticket sinks the instance knows; the store queues a delivery to each.</param>
    /// <returns>The instance's services, from which a test resolves the contracts under test.</returns>
    protected async Task<IServiceProvider> StartInstanceAsync(params string[] sinkNames)
    {
        ArgumentNullException.ThrowIfNull(sinkNames);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        foreach (var name in sinkNames)
        {
            services.AddSingleton<ITicketSink>(new RecordingTicketSink(name));
        }

        await AddStoreAsync(new InstanceBuilder(services));
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var hosted = provider.GetServices<IHostedService>().ToArray();
        _instances.Add((provider, hosted));
        foreach (var service in hosted)
        {
            await service.StartAsync(Token);
        }

        return provider;
    }

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Stops and disposes every instance the test started, the last started first.</summary>
    /// <returns>A task that completes when every instance is disposed.</returns>
    public virtual async ValueTask DisposeAsync()
    {
        for (var i = _instances.Count - 1; i >= 0; i--)
        {
            var (services, hosted) = _instances[i];
            foreach (var service in hosted.Reverse())
            {
                await service.StopAsync(CancellationToken.None);
            }

            await services.DisposeAsync();
        }

        _instances.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a valid ticket, submitted now by the test's clock.</summary>
    /// <param name="idempotencyKey">The ticket's idempotency key.</param>
    /// <param name="attachments">The attachments; none by default.</param>
    /// <returns>The ticket.</returns>
    protected TicketSubmission Ticket(string idempotencyKey, IReadOnlyList<TicketAttachment>? attachments = null) =>
        TestTickets.Ticket(idempotencyKey, Time.GetUtcNow(), attachments);

    private sealed class InstanceBuilder(IServiceCollection services) : IHelpWidgetBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
