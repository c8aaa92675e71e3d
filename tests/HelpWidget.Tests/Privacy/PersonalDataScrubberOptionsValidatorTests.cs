namespace HelpWidget.Tests.Privacy;

public sealed class PersonalDataScrubberOptionsValidatorTests
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    [InlineData(10_000_000)]
    public void MaxTextLength_InRange_IsValid(int length) =>
        OptionsValidation<PersonalDataScrubberOptions>.AssertValid(o => o.MaxTextLength = length);

    [Theory]
    [InlineData(999)]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000_001)]
    [InlineData(int.MaxValue)]
    public void MaxTextLength_OutOfRange_FailsNamingTheValueAndTheRange(int length) =>
        Assert.Equal($"MaxTextLength is {length}; it must be from 1000 to 10000000.", OptionsValidation<PersonalDataScrubberOptions>.SingleFailure(o => o.MaxTextLength = length));
}
