namespace HelpWidget;

/// <summary>
/// Checks the files a user attaches to a ticket against <see cref="TicketAttachmentOptions"/>: how many, how large,
/// and what they are. A file's type is established from its content, never from its name or from what the browser said.
/// </summary>
/// <remarks>The default implementation is registered by <c>AddHelpWidget()</c> and is thread-safe.</remarks>
public interface ITicketAttachmentInspector
{
    /// <summary>Checks all files of one ticket together.</summary>
    /// <param name="files">The files as uploaded, in the order the user added them.</param>
    /// <returns>
    /// Every problem found, each with a code the form turns into a message; when there is none, the attachments to
    /// put on the ticket, with safe file names and the detected media types.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> is <see langword="null"/>.</exception>
    AttachmentInspection Inspect(IReadOnlyList<AttachmentUpload> files);
}
