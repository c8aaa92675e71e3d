namespace HelpWidget.Tests;

public sealed class TicketSubmissionTests
{
    [Fact]
    public void Validate_WellFormedTicket_Passes() => Valid().Validate();

    [Theory]
    [InlineData("Subject", "Hello\r\nBcc: victim@example.com")]
    [InlineData("Subject", "")]
    [InlineData("Subject", "   ")]
    [InlineData("Name", "Alex\u0000")]
    [InlineData("Email", "a@b.example\r\nBcc: x@y.example")]
    [InlineData("Email", "not-an-address")]
    [InlineData("Email", "two@@example.com")]
    [InlineData("Email", "alex@example.com, eve@example.com")]
    [InlineData("Email", "<script>@example.com")]
    public void Validate_HostileField_ThrowsNamingTheField(string field, string value)
    {
        var ticket = field switch
        {
            "Subject" => With(subject: value),
            "Name" => With(name: value),
            "Email" => With(email: value),
            _ => With(description: value),
        };

        var error = Assert.Throws<ArgumentException>(ticket.Validate);
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Validate_LoneSurrogate_IsNotValidUnicode()
    {
        var error = Assert.Throws<ArgumentException>(With(description: "broken \uD800 text").Validate);

        Assert.Contains("not valid Unicode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OversizeDescription_Throws()
    {
        var error = Assert.Throws<ArgumentException>(With(description: new string('x', TicketSubmission.MaxDescriptionLength + 1)).Validate);

        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DescriptionWithLineBreaksAndEmoji_Passes() =>
        With(description: "Line one\nLine two 🙂\ttab").Validate();

    private static TicketSubmission Valid() => With();

    private static TicketSubmission With(string subject = "VPN fails", string description = "It says error 809.", string name = "Alex", string email = "alex@example.com") => new()
    {
        IdempotencyKey = "key-1",
        Subject = subject,
        Description = description,
        Name = name,
        Email = email,
        SubmittedAt = DateTimeOffset.UnixEpoch,
    };
}
