namespace HelpWidget;

/// <summary>A file attached to a ticket.</summary>
public sealed class TicketAttachment
{
    /// <summary>The longest file name accepted, in characters.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>The largest file accepted, in bytes (10 MiB); a host can set a lower limit in its form.</summary>
    public const int MaxContentLength = 10 * 1024 * 1024;

    /// <summary>Gets the file name as the user's device gave it, without any directory.</summary>
    public required string FileName { get; init; }

    /// <summary>Gets the media type established from the content itself (not from the name), such as <c>image/png</c>.</summary>
    public required string ContentType { get; init; }

    /// <summary>Gets the file's content.</summary>
    public required ReadOnlyMemory<byte> Content { get; init; }
}
