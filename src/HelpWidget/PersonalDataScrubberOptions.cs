namespace HelpWidget;

/// <summary>Options of the default <see cref="IPersonalDataScrubber"/>.</summary>
public sealed class PersonalDataScrubberOptions
{
    /// <summary>
    /// Gets or sets the longest text scrubbed, in UTF-16 code units: longer text is cut at a white space near the limit
    /// and ends with <c>[truncated]</c>, so that the work done for one text is bounded. From 1,000 to 10,000,000.
    /// Defaults to 100,000.
    /// </summary>
    public int MaxTextLength { get; set; } = 100_000;

    /// <summary>
    /// Gets the keys (compared without regard to case) whose values <see cref="IPersonalDataScrubber.ScrubValues"/>
    /// passes on unchanged, for values the host app knows hold no personal data, such as a build number. Defaults to none.
    /// </summary>
    public ISet<string> PreservedKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
