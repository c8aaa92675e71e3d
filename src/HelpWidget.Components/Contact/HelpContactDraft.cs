namespace HelpWidget.Components;

/// <summary>
/// The fields of a contact form being filled in. The panel keeps it, so a draft survives moving between
/// views; every submission of one draft carries the same idempotency key and creates one ticket.
/// </summary>
public sealed class HelpContactDraft
{
    /// <summary>Gets the key sent with every submission of this draft; generated when the draft is created.</summary>
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Gets or sets the name of the person asking. Defaults to the empty string.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the e-mail address to reply to. Defaults to the empty string.</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>Gets or sets the subject. Defaults to the empty string.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>Gets or sets the description of the problem. Defaults to the empty string.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Gets or sets the key of the chosen category. Defaults to the empty string (none chosen).</summary>
    public string Category { get; set; } = string.Empty;

    /// <summary>Gets the values of the custom fields by key; a checkbox holds <c>true</c> or <c>false</c>.</summary>
    public IDictionary<string, string> Fields { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets the files attached so far, as uploaded; they are checked again when the form is sent.</summary>
    public IList<AttachmentUpload> Files { get; } = new List<AttachmentUpload>();
}
