using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpWidget.PostgreSql.Search;

/// <summary>The article source registered before <c>AddPostgreSqlArticles()</c>, set aside for publishing.</summary>
internal sealed class LocalArticles(IArticleSource source) : IAsyncDisposable
{
    public IArticleSource Source { get; } = source;

    public static LocalArticles Create(IServiceProvider services, ServiceDescriptor descriptor) => new(
        descriptor.ImplementationInstance as IArticleSource
        ?? descriptor.ImplementationFactory?.Invoke(services) as IArticleSource
        ?? (IArticleSource)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    public async ValueTask DisposeAsync()
    {
        switch (Source)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}

/// <summary>
/// Publishes the local articles when the app starts and after every change the local source reports; a failed publish
/// is tried again after <see cref="RetryDelay"/>.
/// </summary>
internal sealed class LocalArticlePublishing(IServiceProvider services, IOptions<PostgreSqlArticleOptions> options, TimeProvider time, ILogger<LocalArticlePublishing> logger) : BackgroundService
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _changed = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PublishLocalArticles)
        {
            return;
        }

        var local = services.GetService<LocalArticles>()?.Source
            ?? throw new InvalidOperationException(PostgreSqlArticlesHelpWidgetBuilderExtensions.NoLocalSource);
        var publisher = services.GetRequiredService<IArticlePublisher>();
        local.ArticlesChanged += OnChanged;
        try
        {
            var pending = true;
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!pending)
                {
                    await _changed.WaitAsync(stoppingToken);
                }

                pending = false;
                try
                {
                    await publisher.PublishAsync(await local.LoadArticlesAsync(stoppingToken), stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException && !stoppingToken.IsCancellationRequested)
                {
                    Log.PublishFailed(logger, RetryDelay, ex);
                    pending = true;
                    await Task.Delay(RetryDelay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            local.ArticlesChanged -= OnChanged;
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _changed.Dispose();
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // A publish is already due; it reads the articles as they are then.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
