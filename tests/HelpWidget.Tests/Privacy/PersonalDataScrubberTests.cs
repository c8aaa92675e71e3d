using HelpWidget.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpWidget.Tests.Privacy;

public sealed class PersonalDataScrubberTests
{
    private static readonly PersonalDataScrubber s_scrubber = new(Options.Create(new PersonalDataScrubberOptions()));

    [Theory]
    [InlineData("Mail me at anna.svensson@example.se please", "Mail me at [e-mail] please")]
    [InlineData("<ola+help@firma.example.no>", "<[e-mail]>")]
    [InlineData("mailto:o'brien_99@sub.example.co.uk.", "mailto:[e-mail].")]
    [InlineData("Björn.Ängström@företag.example", "[e-mail]")]
    [InlineData("admin@intranet, bob@x.org", "[e-mail], [e-mail]")]
    public void Scrub_EmailAddress_IsReplaced(string text, string expected) => Assert.Equal(expected, s_scrubber.Scrub(text));

    [Theory]
    [InlineData("@mention in a chat")]
    [InlineData("price 10@20")]
    [InlineData("a@ b")]
    [InlineData("user@-example.com")]
    [InlineData("@@@")]
    public void Scrub_TextWithAtSignButNoAddress_IsUnchanged(string text) => Assert.Equal(text, s_scrubber.Scrub(text));

    [Theory]
    [InlineData("+46 70 123 45 67")]
    [InlineData("+46701234567")]
    [InlineData("+46 (0)70-123 45 67")]
    [InlineData("0046 70 123 45 67")]
    [InlineData("070-123 45 67")]
    [InlineData("0731234567")]
    [InlineData("08-123 456 78")]
    [InlineData("+47 412 34 567")]
    [InlineData("412 34 567")]
    [InlineData("41234567")]
    [InlineData("+45 32 12 34 56")]
    [InlineData("32 12 34 56")]
    [InlineData("3212 3456")]
    [InlineData("+358 40 123 4567")]
    [InlineData("040 123 4567")]
    [InlineData("09 123 4567")]
    [InlineData("123 45 67")]
    [InlineData("070\u2011123\u00A045\u202F67")]
    [InlineData("070\u200B123 45 67")]
    [InlineData("０７０－１２３ ４５ ６７")]
    public void Scrub_PhoneNumber_IsReplaced(string phone) => Assert.Equal("Call [phone] today", s_scrubber.Scrub($"Call {phone} today"));

    [Theory]
    [InlineData("Meeting 2024-05-12 10:30")]
    [InlineData("Due 12-05-2024")]
    [InlineData("Build 20240512T1030")]
    [InlineData("Windows 10.0.19045.3693")]
    [InlineData("Server 192.168.100.200")]
    [InlineData("Error 0x80070005")]
    [InlineData("Budget 25 000 000 kr")]
    [InlineData("Years 2019-2024")]
    [InlineData("Room 12 34 56")]
    [InlineData("Order 123456")]
    [InlineData("Call +46 12")]
    public void Scrub_NumberThatIsNoPhone_IsUnchanged(string text) => Assert.Equal(text, s_scrubber.Scrub(text));

    [Theory]
    [InlineData("811218-9876")]
    [InlineData("8112189876")]
    [InlineData("811218+9876")]
    [InlineData("19811218-9876")]
    [InlineData("198112189876")]
    [InlineData("701063-2391")]
    [InlineData("15056789003")]
    [InlineData("150567 89003")]
    [InlineData("41019012393")]
    [InlineData("010190-1233")]
    [InlineData("3101901234")]
    [InlineData("290285-1234")]
    [InlineData("131052-308T")]
    [InlineData("131052-308t")]
    [InlineData("010594Y9032")]
    [InlineData("010105A905X")]
    [InlineData("010105B905X")]
    [InlineData("311299-999E")]
    public void Scrub_PersonalNumber_IsReplaced(string number) =>
        Assert.Equal("pnr: [personal number].", s_scrubber.Scrub($"pnr: {number}."));

    [Theory]
    [InlineData("811218-9875")] // Luhn fails, and 31 February is no date
    [InlineData("811318-9875")] // month 13
    [InlineData("15056789004")] // second check digit wrong
    [InlineData("320190-1234")] // day 32
    [InlineData("310490-1234")] // 31 April
    [InlineData("131052-308U")] // check character wrong
    [InlineData("131052Z308T")] // no such century sign
    [InlineData("310299A1234")] // 31 February
    public void Scrub_NearMissPersonalNumber_IsUnchanged(string number) =>
        Assert.Equal($"pnr: {number}.", s_scrubber.Scrub($"pnr: {number}."));

    [Theory]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4111111111111111")]
    [InlineData("3782 822463 10005")]
    [InlineData("4222222222222")]
    [InlineData("6222222222222222222")]
    public void Scrub_CardNumber_IsReplaced(string number) =>
        Assert.Equal("card [card number] expired", s_scrubber.Scrub($"card {number} expired"));

    [Theory]
    [InlineData("4111111111111112")]
    [InlineData("411111111111111111111")]
    public void Scrub_NearMissCardNumber_IsUnchanged(string number) =>
        Assert.Equal($"card {number} expired", s_scrubber.Scrub($"card {number} expired"));

    [Theory]
    [InlineData("4111 1111 1111 1112", "[phone] 1111 1112")] // 4111 1111 is how a Danish number is written
    [InlineData("0701234567", "[personal number]")] // a Swedish mobile number, and the CPR number of someone born 7 January 1923
    public void Scrub_NumberWithSeveralReadings_IsScrubbedRatherThanLeft(string number, string expected) =>
        Assert.Equal(expected, s_scrubber.Scrub(number));

    [Fact]
    public void Scrub_SeveralKinds_ReplacesEachWithItsPlaceholder()
    {
        var text = "I am Anna (811218-9876), anna@example.se, +46 70 123 45 67; card 4111 1111 1111 1111. Error 0x80070005 on 2024-05-12.";

        Assert.Equal(
            "I am Anna ([personal number]), [e-mail], [phone]; card [card number]. Error 0x80070005 on 2024-05-12.",
            s_scrubber.Scrub(text));
    }

    [Fact]
    public void Scrub_DigitsTouchingANumber_MakeItAnotherNumber()
    {
        Assert.Equal("58112189876", s_scrubber.Scrub("58112189876"));
        Assert.Equal("ref [personal number]9", s_scrubber.Scrub("ref 131052-308T9"));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("tab\tline\r\nok", "tab\tline\r\nok")]
    [InlineData("bell\u0007nul\u0000", "bell\uFFFDnul\uFFFD")]
    [InlineData("pair 🙂 kept", "pair 🙂 kept")]
    public void Scrub_ControlCharacters_BecomeReplacementCharacters(string? text, string expected) =>
        Assert.Equal(expected, s_scrubber.Scrub(text));

    [Fact]
    public void Scrub_UnpairedSurrogates_BecomeReplacementCharacters()
    {
        // Built in code: attribute arguments cannot carry unpaired surrogates.
        Assert.Equal("lone \uFFFD high and \uFFFD low", s_scrubber.Scrub("lone \uD800 high and \uDC00 low"));
        Assert.Equal("end \uFFFD", s_scrubber.Scrub("end \uD83D"));
        Assert.Equal("\uFFFD[phone]\uFFFD", s_scrubber.Scrub("\uDC00070-123 45 67\uD800"));
    }

    [Fact]
    public void Scrub_TextLongerThanTheLimit_IsCutAtAWhiteSpaceAndMarked()
    {
        var scrubber = new PersonalDataScrubber(Options.Create(new PersonalDataScrubberOptions { MaxTextLength = 1_000 }));
        var text = string.Concat(Enumerable.Repeat("anna@example.se ", 200));

        var scrubbed = scrubber.Scrub(text);

        Assert.EndsWith("[e-mail] [truncated]", scrubbed, StringComparison.Ordinal);
        Assert.True(scrubbed.Length < 1_000, $"{scrubbed.Length} characters");
        Assert.DoesNotContain("@", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("example", scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_HugeHostileInput_FinishesAndScrubs()
    {
        // Shapes that make backtracking matchers explode: long runs of digits and gaps, of local-part characters, of at signs.
        var text = string.Concat(Enumerable.Repeat("1 2-3 (4) ", 50_000)) + new string('a', 200_000) + "@" + new string('@', 100_000)
            + string.Concat(Enumerable.Repeat("a@", 100_000)) + new string('9', 200_000) + " 070-123 45 67";
        var scrubber = new PersonalDataScrubber(Options.Create(new PersonalDataScrubberOptions { MaxTextLength = 10_000_000 }));

        var scrubbed = scrubber.Scrub(text);

        Assert.EndsWith(" [phone]", scrubbed, StringComparison.Ordinal);
    }

    [Fact]
    public void ScrubValues_ScrubsValuesKeepsKeysAndPreservedValues()
    {
        var options = new PersonalDataScrubberOptions();
        options.PreservedKeys.Add("build");
        var scrubber = new PersonalDataScrubber(Options.Create(options));

        var scrubbed = scrubber.ScrubValues(new Dictionary<string, string>
        {
            ["searches"] = "vpn; call 070-123 45 67",
            ["user"] = "anna@example.se",
            ["Build"] = "2024.05.12-8112189876",
        });

        Assert.Equal("vpn; call [phone]", scrubbed["searches"]);
        Assert.Equal("[e-mail]", scrubbed["user"]);
        Assert.Equal("2024.05.12-8112189876", scrubbed["Build"]);
    }

    [Fact]
    public void ScrubValues_Null_Throws() => Assert.Throws<ArgumentNullException>(() => s_scrubber.ScrubValues(null!));

    [Fact]
    public void AddHelpWidget_RegistersTheScrubberWithItsOptions()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddHelpWidget().Services.Configure<PersonalDataScrubberOptions>(o => o.PreservedKeys.Add("route"))
            .BuildServiceProvider();

        var scrubber = provider.GetRequiredService<IPersonalDataScrubber>();

        Assert.Equal("[e-mail]", scrubber.Scrub("a@b.se"));
        Assert.Equal("/users/a@b.se", scrubber.ScrubValues(new Dictionary<string, string> { ["route"] = "/users/a@b.se" })["route"]);
    }

    [Fact]
    public void AddHelpWidget_MaxTextLengthOutOfRange_Fails()
    {
        using var provider = new ServiceCollection().AddLogging()
            .AddHelpWidget().Services.Configure<PersonalDataScrubberOptions>(o => o.MaxTextLength = 10)
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPersonalDataScrubber>());

        Assert.Contains("MaxTextLength", error.Message, StringComparison.Ordinal);
    }
}
