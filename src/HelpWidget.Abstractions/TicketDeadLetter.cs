namespace HelpWidget;

/// <summary>A delivery that gave up: the ticket is stored, but the sink never accepted it.</summary>
public sealed class TicketDeadLetter
{
    /// <summary>Gets the reference of the ticket.</summary>
    public required string Reference { get; init; }

    /// <summary>Gets the name of the sink that did not accept it.</summary>
    public required string SinkName { get; init; }

    /// <summary>Gets the number of attempts made.</summary>
    public required int Attempts { get; init; }

    /// <summary>Gets what failed on the last attempt; <see langword="null"/> when nothing was recorded.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets when the delivery gave up.</summary>
    public required DateTimeOffset FailedAt { get; init; }
}
