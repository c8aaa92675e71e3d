using Microsoft.Extensions.DependencyInjection;

namespace HelpWidget.Tests.Attachments;

public sealed class TicketAttachmentOptionsValidatorTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Limits_AtTheirBounds_AreValid()
    {
        OptionsValidation<TicketAttachmentOptions>.AssertValid(o => (o.MaxCount, o.MaxFileBytes, o.MaxTotalBytes, o.MaxFileNameLength) = (0, 1, 1, 16));
        OptionsValidation<TicketAttachmentOptions>.AssertValid(o => (o.MaxCount, o.MaxFileBytes, o.MaxTotalBytes, o.MaxFileNameLength) = (10, 100 * MiB, 1024 * MiB, 255));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    [InlineData(int.MinValue)]
    public void MaxCount_OutOfRange_FailsNamingTheValue(int maxCount) =>
        Assert.Equal($"MaxCount is {maxCount}; it must be from 0 (no attachments) to 10.", OptionsValidation<TicketAttachmentOptions>.SingleFailure(o => o.MaxCount = maxCount));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(long.MinValue)]
    public void MaxFileBytes_NotPositive_FailsNamingTheValue(long bytes) =>
        Assert.Equal($"MaxFileBytes is {bytes}; it must be from 1 to 104857600 (100 MiB).", OptionsValidation<TicketAttachmentOptions>.SingleFailure(o => o.MaxFileBytes = bytes));

    [Fact]
    public void MaxFileBytes_Over100MiB_Fails()
    {
        var failures = OptionsValidation<TicketAttachmentOptions>.FailuresOf(new ServiceCollection().AddHelpWidget().Services
            .Configure<TicketAttachmentOptions>(o => (o.MaxFileBytes, o.MaxTotalBytes) = ((100 * MiB) + 1, 1024 * MiB)));

        Assert.Equal("MaxFileBytes is 104857601; it must be from 1 to 104857600 (100 MiB).", Assert.Single(failures));
    }

    [Theory]
    [InlineData(0)]
    [InlineData((1024 * MiB) + 1)]
    [InlineData(long.MaxValue)]
    public void MaxTotalBytes_OutOfRange_FailsNamingTheValue(long bytes)
    {
        var failures = OptionsValidation<TicketAttachmentOptions>.FailuresOf(new ServiceCollection().AddHelpWidget().Services
            .Configure<TicketAttachmentOptions>(o => (o.MaxFileBytes, o.MaxTotalBytes) = (Math.Min(bytes, 1), bytes)));

        Assert.Contains($"MaxTotalBytes is {bytes}; it must be from 1 to 1073741824 (1 GiB).", failures);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(0)]
    [InlineData(256)]
    [InlineData(int.MaxValue)]
    public void MaxFileNameLength_OutOfRange_FailsNamingTheValue(int length) =>
        Assert.Equal($"MaxFileNameLength is {length}; it must be from 16 to 255.", OptionsValidation<TicketAttachmentOptions>.SingleFailure(o => o.MaxFileNameLength = length));
}
