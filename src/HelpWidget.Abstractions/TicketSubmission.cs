namespace HelpWidget;

/// <summary>A request for help from a person, as submitted from the contact form.</summary>
public sealed class TicketSubmission
{
    /// <summary>The longest subject accepted, in characters.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>The longest description accepted, in characters.</summary>
    public const int MaxDescriptionLength = 5000;

    /// <summary>The longest name or e-mail address accepted, in characters.</summary>
    public const int MaxContactLength = 254;

    /// <summary>
    /// Gets the key that makes submissions idempotent: the same form submitted twice carries the same key
    /// and is stored once.
    /// </summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>Gets the description of the problem.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the name of the person asking.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the e-mail address to reply to.</summary>
    public required string Email { get; init; }

    /// <summary>The most attachments accepted on one ticket.</summary>
    public const int MaxAttachments = 10;

    /// <summary>The most bytes accepted in all attachments of one ticket together (25 MiB).</summary>
    public const int MaxAttachmentsLength = 25 * 1024 * 1024;

    /// <summary>Gets the category the user chose, as its configured key; <see langword="null"/> when the form has no categories.</summary>
    public string? Category { get; init; }

    /// <summary>Gets the values of the custom fields defined in the host's options, by field key. Defaults to none.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the files attached to the ticket. Defaults to none.</summary>
    public IReadOnlyList<TicketAttachment> Attachments { get; init; } = [];

    /// <summary>Gets the user's language as an IETF tag; <see langword="null"/> when unknown.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the route of the page the ticket was sent from; <see langword="null"/> when unknown.</summary>
    public string? Route { get; init; }

    /// <summary>Gets the context that travels with the ticket (searches tried, articles read, app details). Defaults to none.</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets when the user submitted the ticket.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Gets a value indicating whether <paramref name="value"/> is accepted as <see cref="Email"/>.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> for one plausible address without white space, control characters or list separators.</returns>
    public static bool IsValidEmail(string? value) => InputRules.CheckEmail(value) == InputProblem.None;

    /// <summary>
    /// Checks the rules every store enforces: required fields present, lengths within the limits, no control
    /// characters (line breaks only in the description), a plausible e-mail address, a printable idempotency key.
    /// </summary>
    /// <exception cref="ArgumentException">A field breaks a rule; the message names the field.</exception>
    public void Validate()
    {
        InputRules.RequireKey(IdempotencyKey, nameof(IdempotencyKey));
        InputRules.RequireText(Subject, nameof(Subject), MaxSubjectLength, allowLineBreaks: false);
        InputRules.RequireText(Description, nameof(Description), MaxDescriptionLength, allowLineBreaks: true);
        InputRules.RequireText(Name, nameof(Name), MaxContactLength, allowLineBreaks: false);
        InputRules.RequireEmail(Email, nameof(Email));
        InputRules.OptionalText(Language, nameof(Language), 35);
        InputRules.OptionalText(Route, nameof(Route), 2048);
        InputRules.OptionalText(Category, nameof(Category), 100);
        ArgumentNullException.ThrowIfNull(Fields, nameof(Fields));
        if (Fields.Count > 50)
        {
            throw new ArgumentException("Fields holds more than 50 entries.", nameof(Fields));
        }

        foreach (var (key, value) in Fields)
        {
            InputRules.RequireKey(key, nameof(Fields));
            InputRules.OptionalText(value, nameof(Fields), 2000, allowLineBreaks: true);
        }

        ArgumentNullException.ThrowIfNull(Attachments, nameof(Attachments));
        if (Attachments.Count > MaxAttachments)
        {
            throw new ArgumentException($"Attachments holds more than {MaxAttachments} files.", nameof(Attachments));
        }

        long totalLength = 0;
        foreach (var attachment in Attachments)
        {
            ArgumentNullException.ThrowIfNull(attachment, nameof(Attachments));
            if (attachment.Content.Length > TicketAttachment.MaxContentLength)
            {
                throw new ArgumentException($"An attachment is larger than {TicketAttachment.MaxContentLength} bytes.", nameof(Attachments));
            }

            totalLength += attachment.Content.Length;
            if (totalLength > MaxAttachmentsLength)
            {
                throw new ArgumentException($"The attachments together are larger than {MaxAttachmentsLength} bytes.", nameof(Attachments));
            }

            InputRules.RequireText(attachment.FileName, nameof(Attachments), TicketAttachment.MaxFileNameLength, allowLineBreaks: false);
            if (attachment.FileName.IndexOfAny(['/', '\\', ':']) >= 0 || attachment.FileName is "." or "..")
            {
                throw new ArgumentException("An attachment's file name contains a directory.", nameof(Attachments));
            }

            InputRules.RequireKey(attachment.ContentType, nameof(Attachments));
        }

        ArgumentNullException.ThrowIfNull(Context, nameof(Context));
        if (Context.Count > 100)
        {
            throw new ArgumentException("Context holds more than 100 entries.", nameof(Context));
        }

        foreach (var (key, value) in Context)
        {
            InputRules.RequireText(key, nameof(Context), 100, allowLineBreaks: false);
            InputRules.OptionalText(value, nameof(Context), 4000, allowLineBreaks: true);
        }
    }
}
