using Microsoft.Extensions.Options;

namespace HelpWidget.Privacy;

internal sealed class PersonalDataScrubber(IOptions<PersonalDataScrubberOptions> options) : IPersonalDataScrubber
{
    public const string Truncated = "[truncated]";

    /// <summary>How far back from the limit a white space is looked for, so that a cut does not split an address or a number.</summary>
    private const int CutWindow = 256;

    private readonly PersonalDataScrubberOptions _options = options.Value;

    public string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= _options.MaxTextLength)
        {
            return PersonalDataScanner.Scrub(text);
        }

        return PersonalDataScanner.Scrub(text[..CutIndex(text, _options.MaxTextLength)]) + Truncated;
    }

    public IReadOnlyDictionary<string, string> ScrubValues(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var scrubbed = new Dictionary<string, string>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            scrubbed[key] = _options.PreservedKeys.Contains(key) ? value ?? string.Empty : Scrub(value);
        }

        return scrubbed;
    }

    private static int CutIndex(string text, int limit)
    {
        for (var i = limit - 1; i >= limit - CutWindow; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i + 1;
            }
        }

        return char.IsLowSurrogate(text[limit]) ? limit - 1 : limit;
    }
}
