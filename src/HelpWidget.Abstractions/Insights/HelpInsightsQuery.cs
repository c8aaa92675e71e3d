namespace HelpWidget;

/// <summary>The period of a <see cref="HelpInsightsReport"/>: from <see cref="From"/> (included) to <see cref="To"/> (excluded).</summary>
public sealed class HelpInsightsQuery
{
    /// <summary>The most rows a table of the report may hold.</summary>
    public const int MaxTop = 1000;

    /// <summary>The longest period, in days.</summary>
    public const int MaxDays = 3660;

    /// <summary>Gets the start of the period, included.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Gets the end of the period, excluded.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Gets how many rows each table of the report holds at most, from 1 to <see cref="MaxTop"/>. Defaults to 20.</summary>
    public int Top { get; init; } = 20;

    /// <summary>Checks that the period is not empty nor longer than <see cref="MaxDays"/> days, and <see cref="Top"/> is in range.</summary>
    /// <exception cref="ArgumentException">A value breaks a rule; the message names it and its value.</exception>
    public void Validate()
    {
        if (To <= From)
        {
            throw new ArgumentException($"To ({To:O}) must be after From ({From:O}).", nameof(To));
        }

        if (To - From > TimeSpan.FromDays(MaxDays))
        {
            throw new ArgumentException($"The period from {From:O} to {To:O} is longer than {MaxDays} days.", nameof(To));
        }

        if (Top is < 1 or > MaxTop)
        {
            throw new ArgumentException($"Top ({Top}) must be from 1 to {MaxTop}.", nameof(Top));
        }
    }
}
