namespace HelpWidget;

/// <summary>A normalised search and how often it was made in a period.</summary>
public sealed class HelpQueryCount
{
    /// <summary>Gets the normalised, scrubbed search.</summary>
    public required string Query { get; init; }

    /// <summary>Gets the language it was made in; <see langword="null"/> when unknown.</summary>
    public string? Language { get; init; }

    /// <summary>
    /// Gets the route of the page it was most often made on in the period (the first in ordinal order of equally
    /// frequent ones); <see langword="null"/> when none of these searches had a route. Defaults to <see langword="null"/>.
    /// </summary>
    public string? Route { get; init; }

    /// <summary>Gets the number of times.</summary>
    public required int Count { get; init; }
}
