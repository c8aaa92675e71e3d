using HelpWidget.Attachments;

namespace HelpWidget;

/// <summary>Limits on the files a user attaches to a ticket, enforced by <see cref="ITicketAttachmentInspector"/>.</summary>
public sealed class TicketAttachmentOptions
{
    /// <summary>Gets the media types that can be recognised from a file's content, and so can be allowed.</summary>
    public static IReadOnlyCollection<string> RecognizedContentTypes { get; } = FileTypes.Allowable.Select(t => t.ContentType).ToArray();

    /// <summary>Gets or sets the most files on one ticket, from 0 to <see cref="TicketSubmission.MaxAttachments"/> (10); 0 turns attachments off. Defaults to 3.</summary>
    public int MaxCount { get; set; } = 3;

    /// <summary>Gets or sets the largest file accepted, in bytes, from 1 to 100 MiB and at most <see cref="MaxTotalBytes"/>. Defaults to 5 MiB (5,242,880 bytes).</summary>
    public long MaxFileBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the most bytes of all files on one ticket together, which keeps e-mailed tickets under common message
    /// size limits; from 1 byte to 1 GiB. Defaults to 10 MiB (10,485,760 bytes).
    /// </summary>
    public long MaxTotalBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>
    /// Gets the media types accepted, each one of <see cref="RecognizedContentTypes"/>. Defaults to <c>image/png</c>,
    /// <c>image/jpeg</c>, <c>image/gif</c>, <c>image/webp</c>, <c>application/pdf</c> and <c>text/plain</c>; remove
    /// entries to accept less.
    /// </summary>
    public ISet<string> AllowedContentTypes { get; } = new HashSet<string>(RecognizedContentTypes, StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the longest file name kept, in characters, extension included, from 16 to <see cref="TicketAttachment.MaxFileNameLength"/> (255); longer names are shortened. Defaults to 100.</summary>
    public int MaxFileNameLength { get; set; } = 100;
}
