namespace HelpWidget;

/// <summary>How text a user typed is kept with an answer, the same for every host (the panel, the HTTP API).</summary>
public static class PersonalDataScrubberExtensions
{
    /// <summary>
    /// Gets what a typed search or ticket subject may be stored as in <see cref="ArticleFeedback.Query"/>: personal
    /// data removed, trimmed and cut to <see cref="ArticleFeedback.MaxQueryLength"/>.
    /// </summary>
    /// <param name="scrubber">The scrubber that removes personal data.</param>
    /// <param name="query">The text the user typed; <see langword="null"/> or blank for none.</param>
    /// <returns>The text to store; <see langword="null"/> when nothing is left or it holds control characters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scrubber"/> is <see langword="null"/>.</exception>
    public static string? ScrubQuery(this IPersonalDataScrubber scrubber, string? query)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var scrubbed = scrubber.Scrub(query).Trim();
        if (scrubbed.Length > ArticleFeedback.MaxQueryLength)
        {
            // Never between the halves of a surrogate pair: a lone half is invalid text that every store refuses.
            scrubbed = scrubbed[..(char.IsHighSurrogate(scrubbed[ArticleFeedback.MaxQueryLength - 1]) ? ArticleFeedback.MaxQueryLength - 1 : ArticleFeedback.MaxQueryLength)].TrimEnd();
        }

        return scrubbed.Length == 0 || scrubbed.Any(char.IsControl) ? null : scrubbed;
    }
}
