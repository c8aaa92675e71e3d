using System.Collections.Concurrent;

namespace HelpWidget.Delivery.Tests;

/// <summary>A sink whose behaviour each test writes; it records every attempt.</summary>
internal sealed class ScriptedSink(string name = "itsm") : ITicketSink
{
    public string Name { get; } = name;

    public Func<TicketDelivery, CancellationToken, Task> OnDeliver { get; set; } = (_, _) => Task.CompletedTask;

    public ConcurrentQueue<(string Key, int Attempt)> Attempts { get; } = new();

    public ConditionSignal Attempted { get; } = new();

    public async Task DeliverAsync(TicketDelivery delivery, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((delivery.IdempotencyKey, delivery.Attempt));
        Attempted.Pulse();
        await OnDeliver(delivery, cancellationToken);
    }
}
