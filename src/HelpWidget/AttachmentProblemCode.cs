namespace HelpWidget;

/// <summary>What is wrong with an attachment; stable values for forms to map to localised messages.</summary>
public enum AttachmentProblemCode
{
    /// <summary>The file holds no bytes.</summary>
    Empty = 1,

    /// <summary>The file is larger than <see cref="TicketAttachmentOptions.MaxFileBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The content is not of a type in <see cref="TicketAttachmentOptions.AllowedContentTypes"/>, whatever the file's name says.</summary>
    TypeNotAllowed = 3,

    /// <summary>The file's name ends in an extension of another type than its content (a PDF named <c>.png</c>, an image named <c>.exe</c>).</summary>
    TypeMismatch = 4,

    /// <summary>There are more files than <see cref="TicketAttachmentOptions.MaxCount"/>.</summary>
    TooMany = 5,

    /// <summary>The files together are larger than <see cref="TicketAttachmentOptions.MaxTotalBytes"/>.</summary>
    TotalTooLarge = 6,
}
