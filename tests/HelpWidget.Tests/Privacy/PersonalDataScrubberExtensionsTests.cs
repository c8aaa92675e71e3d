using HelpWidget.Privacy;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests.Privacy;

public sealed class PersonalDataScrubberExtensionsTests
{
    private static readonly PersonalDataScrubber s_scrubber = new(Options.Create(new PersonalDataScrubberOptions()));

    [Fact]
    public void ScrubQuery_TextWithAnAddress_KeepsTheWordsWithoutTheAddress()
    {
        var stored = s_scrubber.ScrubQuery("  vpn fails for anna.berg@nordhav.example  ");

        Assert.NotNull(stored);
        Assert.StartsWith("vpn fails for", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("anna.berg", stored, StringComparison.Ordinal);
    }

    [Fact]
    public void ScrubQuery_LongerThanTheStoredLength_IsCut()
    {
        Assert.Equal(ArticleFeedback.MaxQueryLength, s_scrubber.ScrubQuery(new string('a', ArticleFeedback.MaxQueryLength + 50))!.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ScrubQuery_Nothing_IsNotStored(string? query)
    {
        Assert.Null(s_scrubber.ScrubQuery(query));
    }

    [Fact]
    public void ScrubQuery_ControlCharacters_AreNeverStored()
    {
        var stored = s_scrubber.ScrubQuery("vpn\u0007\u001b[31m");

        Assert.True(stored is null || !stored.Any(char.IsControl), stored);
    }

    [Fact]
    public void ScrubQuery_CutWhereAnEmojiStraddlesTheLimit_KeepsValidText()
    {
        var stored = s_scrubber.ScrubQuery(new string('a', ArticleFeedback.MaxQueryLength - 1) + "🙂 more");

        Assert.Equal(new string('a', ArticleFeedback.MaxQueryLength - 1), stored);
    }
}
