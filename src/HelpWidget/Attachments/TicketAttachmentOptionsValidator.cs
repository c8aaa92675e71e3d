using Microsoft.Extensions.Options;

namespace HelpWidget.Attachments;

internal sealed class TicketAttachmentOptionsValidator : IValidateOptions<TicketAttachmentOptions>
{
    internal const long MaxFileBytesLimit = 100L * 1024 * 1024;
    internal const long MaxTotalBytesLimit = 1024L * 1024 * 1024;
    internal const int MinFileNameLength = 16;

    public ValidateOptionsResult Validate(string? name, TicketAttachmentOptions options)
    {
        var failures = new List<string>();
        if (options.MaxCount is < 0 or > TicketSubmission.MaxAttachments)
        {
            failures.Add($"MaxCount is {options.MaxCount}; it must be from 0 (no attachments) to {TicketSubmission.MaxAttachments}.");
        }

        if (options.MaxFileBytes is < 1 or > MaxFileBytesLimit)
        {
            failures.Add($"MaxFileBytes is {options.MaxFileBytes}; it must be from 1 to {MaxFileBytesLimit} (100 MiB).");
        }

        if (options.MaxTotalBytes is < 1 or > MaxTotalBytesLimit)
        {
            failures.Add($"MaxTotalBytes is {options.MaxTotalBytes}; it must be from 1 to {MaxTotalBytesLimit} (1 GiB).");
        }

        if (options.MaxFileNameLength is < MinFileNameLength or > TicketAttachment.MaxFileNameLength)
        {
            failures.Add($"MaxFileNameLength is {options.MaxFileNameLength}; it must be from {MinFileNameLength} to {TicketAttachment.MaxFileNameLength}.");
        }

        if (options.MaxFileBytes > options.MaxTotalBytes)
        {
            failures.Add($"MaxFileBytes ({options.MaxFileBytes}) is larger than MaxTotalBytes ({options.MaxTotalBytes}): no file that large could be sent.");
        }

        var unknown = options.AllowedContentTypes.Where(t => !TicketAttachmentOptions.RecognizedContentTypes.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            failures.Add($"AllowedContentTypes holds {string.Join(", ", unknown.Select(t => $"'{t}'"))}, which cannot be recognised from a file's content; "
                + $"recognised are {string.Join(", ", TicketAttachmentOptions.RecognizedContentTypes)}.");
        }

        if (options.MaxCount > 0 && options.AllowedContentTypes.Count == 0)
        {
            failures.Add($"AllowedContentTypes is empty while MaxCount is {options.MaxCount}: set MaxCount to 0 to turn attachments off.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
