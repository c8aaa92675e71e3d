namespace HelpWidget;

/// <summary>A normalised search and how often it was made in a period.</summary>
public sealed class HelpQueryCount
{
    /// <summary>Gets the normalised, scrubbed search.</summary>
    public required string Query { get; init; }

    /// <summary>Gets the language it was made in; <see langword="null"/> when unknown.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the number of times.</summary>
    public required int Count { get; init; }
}
