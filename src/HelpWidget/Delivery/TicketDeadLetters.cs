using Microsoft.Extensions.Logging;

namespace HelpWidget.Delivery;

internal sealed class TicketDeadLetters(ILogger<TicketDeadLetters> logger, ITicketOutbox? outbox = null) : ITicketDeadLetters
{
    private ITicketOutbox Outbox => outbox ?? throw new InvalidOperationException(
        "The store keeps no delivery queue (no ITicketOutbox is registered), so there are no dead letters. Add a store that has one, such as AddSqliteStore() or AddPostgreSqlStore().");

    public Task<IReadOnlyList<TicketDeadLetter>> GetAsync(int maxCount = 100, CancellationToken cancellationToken = default) =>
        Outbox.GetDeadLettersAsync(maxCount, cancellationToken);

    public async Task<bool> RetryAsync(string reference, string sinkName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(sinkName);
        var count = await Outbox.RetryDeadLettersAsync(reference, sinkName, cancellationToken);
        Log.DeadLettersRetried(logger, count, reference, sinkName);
        return count > 0;
    }

    public async Task<int> RetryAllAsync(string? sinkName = null, CancellationToken cancellationToken = default)
    {
        var count = await Outbox.RetryDeadLettersAsync(reference: null, sinkName, cancellationToken);
        Log.DeadLettersRetried(logger, count, "(all)", sinkName ?? "(all)");
        return count;
    }
}
