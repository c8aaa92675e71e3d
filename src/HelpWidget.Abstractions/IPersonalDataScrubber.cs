namespace HelpWidget;

/// <summary>
/// Replaces personal data in free text with neutral placeholders, so that text can travel with a ticket, into logs
/// or to analytics without carrying e-mail addresses, phone numbers, national identity numbers or card numbers.
/// </summary>
/// <remarks>
/// <para>
/// The default implementation, registered by <c>AddHelpWidget()</c>, recognises e-mail addresses
/// (<c>[e-mail]</c>), phone numbers in international (<c>+46 70 123 45 67</c>, <c>0046…</c>) and Nordic national
/// formats (<c>[phone]</c>), Swedish personnummer and samordningsnummer, Norwegian fødselsnummer and D-numbers,
/// Danish CPR numbers and Finnish henkilötunnus (<c>[personal number]</c>), and payment card numbers
/// (<c>[card number]</c>). Where a run of digits fits several readings, it is replaced: over-scrubbing is preferred
/// to leaving a real number behind.
/// </para>
/// <para>Implementations are thread-safe, never throw for any text, and take time linear in the text's length.</para>
/// </remarks>
public interface IPersonalDataScrubber
{
    /// <summary>Returns <paramref name="text"/> with personal data replaced by placeholders.</summary>
    /// <param name="text">Any text, including text with control characters or invalid UTF-16.</param>
    /// <returns>
    /// The scrubbed text; <see cref="string.Empty"/> for <see langword="null"/>. Control characters other than tab and
    /// line breaks, and unpaired surrogates, are replaced by U+FFFD. Scrubbing scrubbed text changes nothing.
    /// </returns>
    string Scrub(string? text);

    /// <summary>Returns a copy of <paramref name="values"/> (such as a ticket's context) with every value scrubbed.</summary>
    /// <param name="values">Keys and values; keys are kept as they are.</param>
    /// <returns>
    /// A new dictionary with the same keys, whose values are scrubbed except those whose keys are listed in
    /// <c>PersonalDataScrubberOptions.PreservedKeys</c>.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    IReadOnlyDictionary<string, string> ScrubValues(IReadOnlyDictionary<string, string> values);
}
