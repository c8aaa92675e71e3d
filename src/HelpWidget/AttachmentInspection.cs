namespace HelpWidget;

/// <summary>The outcome of checking the files of one ticket.</summary>
public sealed class AttachmentInspection
{
    /// <summary>Gets a value indicating whether every file passed, so the ticket may be submitted with <see cref="Attachments"/>.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>
    /// Gets the files to put on <see cref="TicketSubmission.Attachments"/>, with safe names and detected media types;
    /// empty when there is any problem, so that no ticket goes out with some of its files. Defaults to none.
    /// </summary>
    public IReadOnlyList<TicketAttachment> Attachments { get; init; } = [];

    /// <summary>Gets the problems found, files in order, then those of the files together. Defaults to none.</summary>
    public IReadOnlyList<AttachmentProblem> Problems { get; init; } = [];
}
