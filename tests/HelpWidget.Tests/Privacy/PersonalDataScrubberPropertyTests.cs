using FsCheck;
using FsCheck.Fluent;
using HelpWidget.Privacy;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests.Privacy;

public sealed class PersonalDataScrubberPropertyTests
{
    private static readonly PersonalDataScrubber s_scrubber = new(Options.Create(new PersonalDataScrubberOptions()));

    /// <summary>Pieces that meet at the edges of the scanner's rules: digits of several scripts, gaps, signs, at signs, broken UTF-16.</summary>
    private static readonly Gen<string> s_fragments = Gen.Elements(
        "0", "1", "4", "7", "9", "00", "070", "12", "345", "2024", "٣", "８", " ", "  ", "-", "–", "+", "(", ")", "\u00A0", "\u200B", "\u202E",
        "@", "a", "Z", "x", "0x", ".", ",", "'", "_", "é", "A", "T", "y", "[phone]", "[e-mail]", "]", "\uD800", "\uDC00", "🙂", "\0", "\u0007",
        "\n", "\t", "anna@example.se", "811218-9876", "131052-308T", "4111 1111 1111 1111", "+46 70 123 45 67", "12 34 56 78");

    private static readonly Gen<string> s_text = Gen.OneOf(
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
        s_fragments.ListOf().Select(string.Concat));

    /// <summary>What may stand between personal data and the text around it: anything that is neither a digit nor part of an address.</summary>
    private static readonly Gen<string> s_boundary = Gen.Elements(" ", "\n", ": ", "(", ")", ", ", "\t", "<", ">", "\"", " - ", "; ");

    private static Config Config => Config.QuickThrowOnFailure.WithMaxTest(2_000);

    [Fact]
    public void Scrub_AnyText_NeverThrowsAndReturnsValidText() =>
        Prop.ForAll(Arb.From(s_text), text =>
        {
            var scrubbed = s_scrubber.Scrub(text);
            return IsValidUtf16(scrubbed) && !scrubbed.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
        }).Check(Config);

    [Fact]
    public void Scrub_ValidPersonalDataInAnyText_NeverSurvives()
    {
        var cases =
            from before in s_text
            from open in s_boundary
            from data in ValidNumbers.Any
            from close in s_boundary
            from after in s_text
            select (Text: before + open + data.Value + close + after, data.Kind, data.Value);

        Prop.ForAll(Arb.From(cases), c =>
        {
            var scrubbed = s_scrubber.Scrub(c.Text);
            return (!scrubbed.Contains(c.Value, StringComparison.Ordinal)).Label($"The {c.Kind} {c.Value} survived: {scrubbed}");
        }).Check(Config.WithMaxTest(5_000));
    }

    [Fact]
    public void Scrub_ValidPersonalDataAlone_IsReplacedWhole() =>
        Prop.ForAll(Arb.From(ValidNumbers.Any), data =>
        {
            var scrubbed = s_scrubber.Scrub(data.Value);
            return (scrubbed is "[e-mail]" or "[phone]" or "[personal number]" or "[card number]").Label($"The {data.Kind} {data.Value} became {scrubbed}");
        }).Check(Config);

    [Fact]
    public void Scrub_ScrubbedText_IsUnchanged()
    {
        var texts = Gen.OneOf(
            s_text,
            from before in s_text
            from data in ValidNumbers.Any
            from after in s_fragments.ListOf().Select(string.Concat)
            select before + data.Value + after);

        Prop.ForAll(Arb.From(texts), text =>
        {
            var once = s_scrubber.Scrub(text);
            var twice = s_scrubber.Scrub(once);
            return (once == twice).Label($"Once: {once}\nTwice: {twice}");
        }).Check(Config.WithMaxTest(5_000));
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
