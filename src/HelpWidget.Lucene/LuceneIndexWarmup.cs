using Microsoft.Extensions.Hosting;

namespace HelpWidget.Lucene;

/// <summary>Builds the index while the app starts, so the first search does not wait for it.</summary>
internal sealed class LuceneIndexWarmup(LuceneKnowledgeProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => provider.EnsureIndexAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
