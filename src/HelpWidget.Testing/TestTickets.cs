namespace HelpWidget.Testing;

/// <summary>Builds valid tickets for tests, with every optional part filled in (category, fields, context).</summary>
public static class TestTickets
{
    /// <summary>Creates a valid ticket.</summary>
    /// <param name="idempotencyKey">The ticket's idempotency key.</param>
    /// <param name="submittedAt">When it was submitted.</param>
    /// <param name="attachments">The attachments; none by default.</param>
    /// <returns>The ticket.</returns>
    public static TicketSubmission Ticket(string idempotencyKey, DateTimeOffset submittedAt, IReadOnlyList<TicketAttachment>? attachments = null) => new()
    {
        IdempotencyKey = idempotencyKey,
        Subject = "Cannot open the expense app",
        Description = "It says access denied.\nI tried the article on roles.",
        Name = "Alex Lindqvist",
        Email = "alex@example.com",
        Category = "access",
        Fields = new Dictionary<string, string> { ["asset-tag"] = "NB-1042", ["urgency"] = "high" },
        Attachments = attachments ?? [],
        Language = "sv",
        Route = "/expenses/new",
        Context = new Dictionary<string, string> { ["searches"] = "access denied (0)" },
        SubmittedAt = submittedAt,
    };

    /// <summary>Copies a ticket, replacing the given parts.</summary>
    /// <param name="ticket">The ticket to copy.</param>
    /// <param name="subject">The new subject; <see langword="null"/> keeps the ticket's.</param>
    /// <param name="description">The new description; <see langword="null"/> keeps the ticket's.</param>
    /// <param name="email">The new e-mail address; <see langword="null"/> keeps the ticket's.</param>
    /// <param name="fields">The new custom fields; <see langword="null"/> keeps the ticket's.</param>
    /// <param name="attachments">The new attachments; <see langword="null"/> keeps the ticket's.</param>
    /// <returns>The copy.</returns>
    public static TicketSubmission With(
        this TicketSubmission ticket,
        string? subject = null,
        string? description = null,
        string? email = null,
        IReadOnlyDictionary<string, string>? fields = null,
        IReadOnlyList<TicketAttachment>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return new()
        {
            IdempotencyKey = ticket.IdempotencyKey,
            Subject = subject ?? ticket.Subject,
            Description = description ?? ticket.Description,
            Name = ticket.Name,
            Email = email ?? ticket.Email,
            Category = ticket.Category,
            Fields = fields ?? ticket.Fields,
            Attachments = attachments ?? ticket.Attachments,
            Language = ticket.Language,
            Route = ticket.Route,
            Context = ticket.Context,
            SubmittedAt = ticket.SubmittedAt,
        };
    }
}
