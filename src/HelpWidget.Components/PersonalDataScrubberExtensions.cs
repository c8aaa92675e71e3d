namespace HelpWidget.Components;

internal static class PersonalDataScrubberExtensions
{
    /// <summary>
    /// What a typed search or subject may be stored as in <see cref="ArticleFeedback.Query"/>: personal data removed,
    /// cut to the stored length; <see langword="null"/> when nothing is left or it holds control characters.
    /// </summary>
    public static string? ScrubQuery(this IPersonalDataScrubber scrubber, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var scrubbed = scrubber.Scrub(query).Trim();
        scrubbed = scrubbed.Length > ArticleFeedback.MaxQueryLength ? scrubbed[..ArticleFeedback.MaxQueryLength] : scrubbed;
        return scrubbed.Length == 0 || scrubbed.Any(char.IsControl) ? null : scrubbed;
    }
}
