namespace HelpWidget.Tests;

/// <summary>The one set of rules for text users type, as forms and stores apply it.</summary>
public sealed class InputRulesTests
{
    [Theory]
    [InlineData("Reset my password", InputProblem.None)]
    [InlineData("VPN 🔐 works", InputProblem.None)]
    [InlineData("<script>alert(1)</script>", InputProblem.None)]
    [InlineData("'; DROP TABLE tickets; --", InputProblem.None)]
    [InlineData("Ålesund café naïve", InputProblem.None)]
    [InlineData("", InputProblem.Required)]
    [InlineData(" \t ", InputProblem.Required)]
    [InlineData("Hello\r\nBcc: victim@example.com", InputProblem.ControlCharacter)]
    [InlineData("Null\u0000byte", InputProblem.ControlCharacter)]
    [InlineData("Bell\u0007", InputProblem.ControlCharacter)]
    [InlineData("Escape\u001B[31m", InputProblem.ControlCharacter)]
    [InlineData("Next line\u0085", InputProblem.ControlCharacter)]
    public void CheckText_SingleLine_FindsTheProblem(string value, InputProblem expected)
    {
        Assert.Equal(expected, InputRules.CheckText(value, maxLength: 200, required: true));
    }

    /// <summary>Texts with half a surrogate pair, built in code and enumerated when the test runs: neither an attribute's string nor a discovered test case's serialised data keeps one.</summary>
    public static TheoryData<string> LoneSurrogates() =>
    [
        "High alone " + '\uD83D' + " here",
        "Low alone " + '\uDE00' + " here",
        "Ends high " + '\uD83D',
        '\uDC00' + "starts low",
        string.Concat('\uDE00', '\uD83D', " reversed pair"),
        "Pair then half 😀" + '\uDE00',
    ];

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public void CheckText_LoneSurrogate_IsInvalidUnicode(string value)
    {
        Assert.Equal(InputProblem.InvalidUnicode, InputRules.CheckText(value, maxLength: 200, required: true));
        Assert.Equal(InputProblem.InvalidUnicode, InputRules.CheckText(value + "\n", maxLength: 200, required: false, allowLineBreaks: true));
        Assert.Equal(InputProblem.InvalidUnicode, InputRules.CheckEmail("alex" + value.First(char.IsSurrogate) + "@example.com"));
    }

    [Fact]
    public void CheckText_WholeSurrogatePairs_AreValid()
    {
        Assert.Equal(InputProblem.None, InputRules.CheckText("😀😀 " + char.ConvertFromUtf32(0x1F510), maxLength: 200, required: true));
    }

    [Fact]
    public void CheckText_Null_IsRequiredOnlyWhenRequired()
    {
        Assert.Equal(InputProblem.Required, InputRules.CheckText(null, 10, required: true));
        Assert.Equal(InputProblem.None, InputRules.CheckText(null, 10, required: false));
    }

    [Theory]
    [InlineData(200, InputProblem.None)]
    [InlineData(201, InputProblem.TooLong)]
    [InlineData(1_000_000, InputProblem.TooLong)]
    public void CheckText_Length_IsLimited(int length, InputProblem expected)
    {
        Assert.Equal(expected, InputRules.CheckText(new string('a', length), maxLength: 200, required: true));
    }

    [Fact]
    public void CheckText_Oversize_IsReportedBeforeItsCharactersAreRead()
    {
        Assert.Equal(InputProblem.TooLong, InputRules.CheckText(new string('\u0000', 300), maxLength: 200, required: true));
    }

    [Theory]
    [InlineData("Line one\nline two\r\n\tindented", InputProblem.None)]
    [InlineData("Form\ffeed", InputProblem.ControlCharacter)]
    [InlineData("Vertical\vtab", InputProblem.ControlCharacter)]
    public void CheckText_LineBreaksAllowed_AcceptsOnlyLineBreaksAndTabs(string value, InputProblem expected)
    {
        Assert.Equal(expected, InputRules.CheckText(value, maxLength: 200, required: true, allowLineBreaks: true));
    }

    [Fact]
    public void CheckText_OptionalButPresent_StillChecksItsCharacters()
    {
        Assert.Equal(InputProblem.None, InputRules.CheckText("   ", 10, required: false));
        Assert.Equal(InputProblem.ControlCharacter, InputRules.CheckText("\n", 10, required: false));
    }

    [Theory]
    [InlineData("alex@nordhav.example", InputProblem.None)]
    [InlineData("", InputProblem.Required)]
    [InlineData("not an address", InputProblem.InvalidEmail)]
    [InlineData("two@@example.com", InputProblem.InvalidEmail)]
    [InlineData("alex@example.com, eve@example.com", InputProblem.InvalidEmail)]
    [InlineData("<script>@example.com", InputProblem.InvalidEmail)]
    [InlineData("alex@localhost", InputProblem.InvalidEmail)]
    [InlineData("a@b.example\r\nBcc: x@y.example", InputProblem.ControlCharacter)]
    public void CheckEmail_FindsTheProblem(string value, InputProblem expected)
    {
        Assert.Equal(expected, InputRules.CheckEmail(value));
    }

    [Fact]
    public void CheckEmail_LongerThanTheLimit_IsTooLong()
    {
        Assert.Equal(InputProblem.TooLong, InputRules.CheckEmail(new string('a', InputRules.MaxEmailLength) + "@example.com"));
    }

    [Fact]
    public void Validate_LoneSurrogateInATicket_IsRejectedByTheSameRule()
    {
        var ticket = new TicketSubmission
        {
            IdempotencyKey = "key-1",
            Subject = "VPN " + '\uD83D' + " drops",
            Description = "It disconnects.",
            Name = "Alex",
            Email = "alex@nordhav.example",
            SubmittedAt = DateTimeOffset.UnixEpoch,
        };

        var error = Assert.Throws<ArgumentException>(ticket.Validate);

        Assert.Equal((nameof(TicketSubmission.Subject), InputProblem.InvalidUnicode), (error.ParamName, InputRules.CheckText(ticket.Subject, TicketSubmission.MaxSubjectLength, required: true)));
    }
}
