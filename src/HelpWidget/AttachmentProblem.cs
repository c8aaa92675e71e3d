namespace HelpWidget;

/// <summary>Why a file, or the files together, cannot be attached; enough for the form to say so in the user's language.</summary>
public sealed class AttachmentProblem
{
    /// <summary>Gets what is wrong.</summary>
    public required AttachmentProblemCode Code { get; init; }

    /// <summary>Gets the position of the file in the list checked; <see langword="null"/> when the problem concerns all files together.</summary>
    public int? FileIndex { get; init; }

    /// <summary>Gets the file's name made safe to show (no control or direction-changing characters); <see langword="null"/> when the problem concerns all files together.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// Gets the limit that was passed: the most files for <see cref="AttachmentProblemCode.TooMany"/>, the most bytes for
    /// <see cref="AttachmentProblemCode.TooLarge"/> and <see cref="AttachmentProblemCode.TotalTooLarge"/>; otherwise <see langword="null"/>.
    /// </summary>
    public long? Limit { get; init; }

    /// <summary>
    /// Gets the media type found in the content for <see cref="AttachmentProblemCode.TypeNotAllowed"/> (<see langword="null"/>
    /// when the content is of no known type) and <see cref="AttachmentProblemCode.TypeMismatch"/>.
    /// </summary>
    public string? DetectedContentType { get; init; }
}
