using Microsoft.Extensions.Options;

namespace HelpWidget.Attachments;

internal sealed class TicketAttachmentOptionsValidator : IValidateOptions<TicketAttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, TicketAttachmentOptions options)
    {
        var failures = new List<string>();
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
